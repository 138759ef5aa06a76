namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// The fixed strategy parameters of one run, computed once from n, lambda and the covariance model
/// (pycma 4.x defaults, which refine the tutorial's: c1 carries min(1, lambda/6), cmu the +1/4 offset,
/// c_sigma uses n + mu_eff + 3). Kept apart from the changing state.
/// </summary>
public sealed class CmaStrategyParameters
{
    public int Dimension { get; }
    public int Lambda { get; }
    public CmaRecombinationWeights Weights { get; }
    public int Mu => Weights.Mu;
    public double MuEff => Weights.MuEff;
    public double Cc { get; }
    public double Cs { get; }
    public double C1 { get; }
    public double Cmu { get; }
    public double Damps { get; }
    /// <summary>E||N(0, I)||.</summary>
    public double ChiN { get; }
    /// <summary>Generations between eigendecompositions (full model only).</summary>
    public double EigenUpdateGap { get; }
    /// <summary>Length of the best-value history used by tolfun and tolfunhist.</summary>
    public int FunctionHistoryLength { get; }
    public int TolStagnation { get; }
    public long MaxGenerations { get; }

    public CmaStrategyParameters(CmaEsOptions options)
    {
        int n = options.Dimension;
        Dimension = n;
        Lambda = options.PopulationSize ?? 4 + (int)Math.Floor(3 * Math.Log(n));
        var (raw, mu, muEff) = CmaRecombinationWeights.Raw(Lambda);

        double c1 = Math.Min(1, Lambda / 6.0) * 2 / ((n + 1.3) * (n + 1.3) + muEff);
        double cmu = Math.Min(1 - c1, 2 * (0.25 + muEff + 1 / muEff - 2) / ((n + 2.0) * (n + 2.0) + muEff));
        if (options.ResolvedMode == CmaCovarianceMode.Separable)
        {
            // Ros and Hansen 2008: a diagonal has n rather than n^2/2 degrees of freedom to learn.
            double factor = (n + 2) / 3.0;
            c1 = Math.Min(1, c1 * factor);
            cmu = Math.Min(1 - c1, cmu * factor);
        }
        C1 = c1;
        Cmu = cmu;
        Weights = CmaRecombinationWeights.Finalize(raw, mu, muEff, n, c1, cmu);

        Cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        Cs = (muEff + 2) / (n + muEff + 3);
        Damps = 1 + 2 * Math.Max(0, Math.Sqrt((muEff - 1) / (n + 1)) - 1) + Cs;
        ChiN = Math.Sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));

        // Hansen decomposes every lambda / (c1 + cmu) / n / 10 *evaluations*; counted here in
        // generations of lambda as the brief asks, which amortizes the O(n^3) work over
        // lambda times more generations. Never more often than every generation.
        EigenUpdateGap = options.EigenUpdateGap ?? Math.Max(1, Lambda / (c1 + cmu) / n / 10);
        FunctionHistoryLength = 10 + (int)Math.Ceiling(30.0 * n / Lambda);
        TolStagnation = options.TolStagnation ?? (int)(100 + 100 * Math.Pow(n, 1.5) / Lambda);
        MaxGenerations = options.MaxGenerations ?? (long)(100 + 150 * (n + 3.0) * (n + 3.0) / Math.Sqrt(Lambda));
    }
}
