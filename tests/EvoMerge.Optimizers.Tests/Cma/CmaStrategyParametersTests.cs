using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class CmaStrategyParametersTests
{
    // Golden values from pycma's own doctest of CMAParameters (n = 20, popsize 12).
    [Fact]
    public void Default_parameters_match_pycma_in_dimension_20()
    {
        var p = new CmaStrategyParameters(new CmaEsOptions { X0 = new double[20], Sigma0 = 1, Mode = CmaCovarianceMode.Full });
        Assert.Equal(12, p.Lambda);
        Assert.Equal(6, p.Mu);
        Assert.Equal(0.00437235, p.C1, 1e-8); // pycma prints truncated digits
        Assert.Equal(0.171767, p.Cc, 1e-6);
        Assert.Equal(0.00921656, p.Cmu, 1e-8);
        double[] pycmaWeights =
        [
            0.4024029428, 0.2533890840, 0.1662215645, 0.1043752252, 0.05640347757, 0.01720770576,
            -0.05018713636, -0.1406167894, -0.2203813963, -0.2917332686, -0.3562788884, -0.4152044225,
        ];
        for (int i = 0; i < 12; i++) Assert.Equal(pycmaWeights[i], p.Weights.Values[i], 1e-9);
    }

    [Fact]
    public void Active_weights_cancel_the_decay_with_default_population()
    {
        var p = new CmaStrategyParameters(new CmaEsOptions { X0 = new double[10], Sigma0 = 1, Mode = CmaCovarianceMode.Full });
        Assert.Equal(1.0, p.Weights.Values.Take(p.Mu).Sum(), 12);
        Assert.Equal(0.0, p.C1 + p.Cmu * p.Weights.Sum, 12); // c1 + cmu sum w = 0: no decay when hsig holds
        Assert.All(p.Weights.Values.Skip(p.Mu), w => Assert.True(w <= 0));
    }

    [Fact]
    public void Separable_mode_scales_learning_rates_by_n_plus_2_over_3()
    {
        var full = new CmaStrategyParameters(new CmaEsOptions { X0 = new double[30], Sigma0 = 1, Mode = CmaCovarianceMode.Full });
        var sep = new CmaStrategyParameters(new CmaEsOptions { X0 = new double[30], Sigma0 = 1, Mode = CmaCovarianceMode.Separable });
        Assert.Equal(full.C1 * 32 / 3, sep.C1, 12);
        Assert.Equal(full.Cmu * 32 / 3, sep.Cmu, 12);
    }

    [Fact]
    public void Auto_mode_is_separable_only_above_the_threshold()
    {
        var small = new CmaEsOptions { X0 = new double[CmaEsOptions.AutoSeparableAboveDimension], Sigma0 = 1 };
        var large = new CmaEsOptions { X0 = new double[CmaEsOptions.AutoSeparableAboveDimension + 1], Sigma0 = 1 };
        Assert.Equal(CmaCovarianceMode.Full, small.ResolvedMode);
        Assert.Equal(CmaCovarianceMode.Separable, large.ResolvedMode);
    }
}
