using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// The methods of the figure. Any ask/tell optimizer joins through <see cref="FromOptimizer"/>
/// (its curve follows <see cref="IAskTellOptimizer.Best"/>), e.g. CMA-ES:
/// <c>DigitsMethods.FromOptimizer("cmaes", DigitsPanel.Scratch, run => ...)</c> started at
/// <c>run.InitialModels[0]</c> with sigma0 0.01 and population 20.
/// </summary>
public static class DigitsMethods
{
    const double ScratchMutation = 0.01;

    /// <summary>Every built-in method of both panels, in figure order.</summary>
    public static IReadOnlyList<IDigitsMethod> Default =>
    [
        M2N2("m2n2", DigitsPanel.Scratch, new M2N2Options { MutationSigma = ScratchMutation }),
        M2N2("m2n2_no_crossover", DigitsPanel.Scratch, new M2N2Options { MutationSigma = ScratchMutation, UseCrossover = false }),
        M2N2("ga", DigitsPanel.Scratch, M2N2Options.GeneticAlgorithm with { MutationSigma = ScratchMutation }),
        M2N2("ga_no_crossover", DigitsPanel.Scratch, M2N2Options.GeneticAlgorithm with { MutationSigma = ScratchMutation, UseCrossover = false }),
        MapElites(DigitsPanel.Scratch, ScratchMutation),
        SeparableCmaEs(),
        M2N2("m2n2", DigitsPanel.Pretrained, new M2N2Options { MutationSigma = 0 }),
        M2N2("m2n2_no_attraction", DigitsPanel.Pretrained, new M2N2Options { MutationSigma = 0, UseAttraction = false }),
        M2N2("m2n2_no_splitpoint", DigitsPanel.Pretrained, new M2N2Options { MutationSigma = 0, UseSplitPoint = false }),
        M2N2("ga", DigitsPanel.Pretrained, M2N2Options.GeneticAlgorithm with { MutationSigma = 0 }),
        MapElites(DigitsPanel.Pretrained, mutationSigma: 0),
        new BruteForceSlerpMethod(),
    ];

    /// <summary>
    /// The M2N2 loop with the given settings, seeded with the run's two starting models. The curve
    /// follows the archive member with the best training accuracy, as the reference plots it.
    /// </summary>
    public static IDigitsMethod M2N2(string name, DigitsPanel panel, M2N2Options options) => new OptimizerMethod(
        name, panel,
        run => new M2N2(run.InitialModels, run.Data.Train.Count, options, run.NewSearchRng()),
        optimizer => optimizer is M2N2 m2n2 ? m2n2.ArchiveVector(m2n2.BestArchiveSlot()).ToArray() : null,
        firstBatchIsSeeds: true);

    /// <summary>
    /// The paper's MAP-Elites baseline: a 10 x 10 grid over training accuracy on odd and on even
    /// digits, quality = training accuracy; the curve follows the elite of best training accuracy.
    /// </summary>
    public static IDigitsMethod MapElites(DigitsPanel panel, double mutationSigma) => new OptimizerMethod(
        "map_elites", panel,
        run =>
        {
            var labels = run.Data.Train.LabelSpan.ToArray();
            int[] odd = [.. Enumerable.Range(0, labels.Length).Where(i => labels[i] % 2 == 1)];
            int[] even = [.. Enumerable.Range(0, labels.Length).Where(i => labels[i] % 2 == 0)];
            var options = new MapElitesOptions { DescriptorGroups = [odd, even], BinsPerDescriptor = 10, MutationSigma = mutationSigma };
            return new MapElites(run.InitialModels, labels.Length, options, run.NewSearchRng());
        },
        optimizer => optimizer is MapElites map ? map.BestElite() : null,
        firstBatchIsSeeds: true);

    /// <summary>
    /// CMA-ES as the figure's baseline (population 20, sigma0 0.01, from the first starting model).
    /// At n = 19,210 the full covariance would hold 369 M entries (3 GB) and need an O(n^3)
    /// eigendecomposition, so the separable variant (diagonal covariance, learning rates scaled by
    /// (n + 2) / 3) runs. Convergence stops are off so it uses the whole budget like the others.
    /// </summary>
    public static IDigitsMethod SeparableCmaEs() => FromOptimizer("sep-cmaes", DigitsPanel.Scratch, run => new CmaEs(new CmaEsOptions
    {
        X0 = run.InitialModels[0],
        Sigma0 = 0.01,
        PopulationSize = 20,
        Mode = CmaCovarianceMode.Separable,
        Seed = run.NewSearchRng().NextUInt64(),
        TolX = 0,
        TolFun = 0,
        TolFunHist = 0,
    }));

    /// <summary>Any other optimizer; its curve follows its best-so-far candidate (objective 0 = -training accuracy).</summary>
    public static IDigitsMethod FromOptimizer(string name, DigitsPanel panel, Func<DigitsRun, IAskTellOptimizer> create) =>
        new OptimizerMethod(name, panel, create, optimizer => optimizer.Best?.Genes, firstBatchIsSeeds: false);
}
