using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Random;
using EvoMerge.Search.Config;
using EvoMerge.Search.Optimizers;

namespace EvoMerge.Search.Tests;

/// <summary>An optimizer's stop is explained by criterion, its value and what to change, not by a bare enum name.</summary>
public sealed class OptimizerStopTextTests
{
    static CmaEs FlatFitnessCma()
    {
        var cma = new CmaEs(new CmaEsOptions { X0 = [0.5, 0.5, 0.5], Sigma0 = 0.2, Seed = 7 });
        for (int generation = 0; generation < 50 && cma.Stop().Count == 0; generation++)
            cma.Tell(cma.Ask().Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, [1.0])).ToList());
        return cma;
    }

    [Fact]
    public void A_converged_cmaes_names_the_criterion_its_value_and_the_way_on()
    {
        var cma = FlatFitnessCma();
        Assert.Contains(StopReason.Tolerance, cma.Stop());

        var texts = OptimizerStopText.Describe(cma, new OptimizerSpec("cmaes", null, 0.3, null));

        string tolfun = Assert.Single(texts, t => t.Contains("tolfun:", StringComparison.Ordinal));
        Assert.Equal("cmaes stopped on tolfun: the best and worst values of the recent generations differ by less than tolfun = 1E-11", tolfun);
        string remedy = Assert.Single(texts, t => t.Contains("ipop-cmaes", StringComparison.Ordinal));
        Assert.Equal("cmaes has converged: to search on, start a new run with optimizer ipop-cmaes or bipop-cmaes " +
                     "(they restart with larger populations) or a larger optimizer.sigma0 (now 0.3)", remedy);
        Assert.Equal(texts[^1], remedy);
        Assert.DoesNotContain(texts, t => t == nameof(StopReason.Tolerance));
    }

    [Fact]
    public void A_running_optimizer_has_no_stop_text()
    {
        var cma = new CmaEs(new CmaEsOptions { X0 = [0.5, 0.5], Sigma0 = 0.2, Seed = 1 });

        Assert.Empty(OptimizerStopText.Describe(cma, new OptimizerSpec("cmaes", null, null, null)));
        Assert.Empty(OptimizerStopText.Describe(new RandomSearch(new RandomSearchOptions { Bounds = Bounds.Uniform(2, 0, 1), Objectives = 1, Seed = 1 }),
            new OptimizerSpec("random", null, null, null)));
    }
}
