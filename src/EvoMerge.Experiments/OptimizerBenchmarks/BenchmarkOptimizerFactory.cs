using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Benchmarks;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Search.Optimizers;

namespace EvoMerge.Experiments.OptimizerBenchmarks;

/// <summary>
/// Builds the benchmarked optimizers through the search's <see cref="OptimizerRegistry"/>, so the benchmark
/// measures exactly what a search runs (same descriptors, same defaults) and a newly registered optimizer is
/// benchmarked without a line here. CMA-ES variants start at x0 with step sigma0 and sample freely. Optimizers
/// without a step size (ga, nsga2, random: the baselines) search the box x0 +- <see cref="BoxHalfWidthInSigmas"/>
/// sigma0 (it holds every function's optimum), start uniformly in it, and stop at the target or the evaluation
/// cap. Optimizers that need per-example scores (m2n2) have no function runs (see <see cref="RunsFunctions"/>).
/// The binary and mixed-integer problems compare the optimizers that take discrete genes (cmawm) with plain
/// CMA-ES rounding its samples (<see cref="CreateMixed"/>).
/// </summary>
public static class BenchmarkOptimizerFactory
{
    public const double BoxHalfWidthInSigmas = 10;

    /// <summary>Examples per M2N2 candidate in the overhead rows: the digits experiment's training set size.</summary>
    public const int M2N2OverheadExamples = 1437;

    /// <summary>The rounding baseline of the mixed-integer rows.</summary>
    const string RoundingBaseline = "cmaes";

    /// <summary>Every registered optimizer, in the registry's order.</summary>
    public static IReadOnlyList<string> Names => OptimizerRegistry.Names;

    /// <summary>Optimizers without a step size: they never get near 1e-8 and so run to the baseline evaluation cap.</summary>
    public static bool IsBaseline(string name) => RunsFunctions(name) && !Descriptor(name).Settings.Contains(OptimizerDescriptor.Sigma0);

    /// <summary>
    /// False for optimizers that need per-example scores (m2n2: competition for each data point, attraction where
    /// the other parent is weak), which a plain function of x does not have; any split of f into "examples" would
    /// be invented for the benchmark. False too for those made for discrete genes (cmawm: without any it is cmaes).
    /// They get overhead rows (and mixed-integer rows) only.
    /// </summary>
    public static bool RunsFunctions(string name) => !Descriptor(name).Capabilities.NeedsPerExampleScores && !TakesDiscreteGenes(name);

    /// <summary>
    /// Optimizers with rows on the binary and mixed-integer problems: those that take discrete genes, and cmaes
    /// as the rounding baseline.
    /// </summary>
    public static bool RunsMixedFunctions(string name) => name == RoundingBaseline || TakesDiscreteGenes(name);

    /// <summary>
    /// An optimizer for a binary or mixed-integer problem: cmawm told which genes are discrete, or cmaes in the
    /// problem's box (its samples are rounded by <see cref="MixedIntegerProblem.Evaluate"/>).
    /// </summary>
    public static IAskTellOptimizer CreateMixed(string name, MixedIntegerProblem problem, ulong seed, double? target, long? maxEvaluations)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!RunsMixedFunctions(name))
            throw new ArgumentException($"'{name}' has no mixed-integer rows (only {string.Join(" and ", Names.Where(RunsMixedFunctions))}).");
        var context = new OptimizerContext(problem.Box, problem.X0, 1, 0, seed, null, new ProblemGeneDomains(problem.Discrete))
        {
            TargetValue = target,
            MaxEvaluations = maxEvaluations,
        };
        return Descriptor(name).Create(new OptimizerSpec(name, null, problem.Sigma0, null, null), context);
    }

    /// <summary>An optimizer for a function run (target and cap may be null for open-ended runs).</summary>
    public static IAskTellOptimizer Create(string name, double[] x0, double sigma0, ulong seed, double? target, long? maxEvaluations)
    {
        ArgumentNullException.ThrowIfNull(x0);
        var descriptor = Descriptor(name);
        if (descriptor.Capabilities.NeedsPerExampleScores)
            throw new ArgumentException($"{name} needs per-example scores, which the reference functions do not have: it has overhead rows only.");
        if (TakesDiscreteGenes(name))
            throw new ArgumentException($"{name} runs the binary and mixed-integer problems (CreateMixed); without discrete genes it is cmaes.");
        var context = new OptimizerContext(Box(x0, sigma0), x0, 1, 0, seed, null)
        {
            TargetValue = target,
            MaxEvaluations = maxEvaluations,
            StartsAtX0 = false,
            KeepsInBounds = false,
        };
        return descriptor.Create(new OptimizerSpec(name, null, sigma0, null, null), context);
    }

    /// <summary>
    /// An optimizer for the overhead rows at dimension n, from x0 = 0.5 with sigma0 = 0.5 as in <see cref="Create"/>,
    /// with what makes each one's cost: two objectives for the multi-objective ones (sorting and crowding),
    /// <see cref="M2N2OverheadExamples"/> per-example scores and 20 children per Ask (one archive's worth) for those
    /// that need them, and every other gene an integer in [-10, 10] for those that take discrete genes.
    /// </summary>
    public static IAskTellOptimizer CreateForOverhead(string name, int n)
    {
        var descriptor = Descriptor(name);
        var x0 = Enumerable.Repeat(0.5, n).ToArray();
        var context = new OptimizerContext(Box(x0, 0.5), x0, OverheadObjectives(name), OverheadExamples(name), 1, new RandomSourceSeeds(n, new Rng(1)),
            new ProblemGeneDomains([.. Enumerable.Range(0, n).Select(i => i % 2 == 1 ? DiscreteValues.Integers(-10, 10) : null)]))
        {
            StartsAtX0 = false,
            KeepsInBounds = false,
        };
        var spec = new OptimizerSpec(name, null, 0.5, null, null) { BatchSize = descriptor.Settings.Contains(OptimizerDescriptor.BatchSize) ? 20 : null };
        return descriptor.Create(spec, context);
    }

    /// <summary>Objectives each overhead candidate is scored on.</summary>
    public static int OverheadObjectives(string name) => Descriptor(name).Capabilities.MultiObjective ? 2 : 1;

    /// <summary>Per-example scores each overhead candidate comes with (0 when the optimizer takes none).</summary>
    public static int OverheadExamples(string name) => Descriptor(name).Capabilities.NeedsPerExampleScores ? M2N2OverheadExamples : 0;

    static OptimizerDescriptor Descriptor(string name) =>
        OptimizerRegistry.TryGet(name, out var descriptor) ? descriptor : throw new ArgumentException($"Unknown optimizer '{name}' (known: {string.Join(", ", Names)}).");

    static bool TakesDiscreteGenes(string name) => Descriptor(name).Settings.Contains(OptimizerDescriptor.Margin);

    static Bounds Box(double[] x0, double sigma0) =>
        new(x0.Select(v => v - BoxHalfWidthInSigmas * sigma0).ToArray(), x0.Select(v => v + BoxHalfWidthInSigmas * sigma0).ToArray());
}
