using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.Termination;
using EvoMerge.Optimizers.MultiObjective;
using EvoMerge.Optimizers.Niching;
using EvoMerge.Optimizers.Random;
using EvoMerge.Optimizers.Restarts;

namespace EvoMerge.Optimizers.Benchmarks;

/// <summary>
/// Builds the benchmarked optimizers by their CSV names. CMA-ES variants start at x0 with step
/// sigma0. The baselines (ga, nsga2, random) have no step size: they search the box
/// x0 +- <see cref="BoxHalfWidthInSigmas"/> sigma0 (it holds every function's optimum), start
/// uniformly in it with their default settings, and stop at the target or the evaluation cap.
/// M2N2 has no function runs (see <see cref="RunsFunctions"/>). The binary and mixed-integer
/// problems compare CMA-ES with margin (cmawm) with plain CMA-ES rounding its samples
/// (<see cref="CreateMixed"/>).
/// </summary>
public static class BenchmarkOptimizerFactory
{
    public const double BoxHalfWidthInSigmas = 10;

    /// <summary>Examples per M2N2 candidate in the overhead rows: the digits experiment's training set size.</summary>
    public const int M2N2OverheadExamples = 1437;

    public static IReadOnlyList<string> Names { get; } =
    [
        "cmaes", "sep-cmaes", IpopCmaEs.OptimizerName, BipopCmaEs.OptimizerName,
        GeneticAlgorithm.OptimizerName, Nsga2.OptimizerName, RandomSearch.OptimizerName, M2N2.OptimizerName,
        CmaWithMargin.OptimizerName,
    ];

    /// <summary>Optimizers that never get near 1e-8 and so run to the baseline evaluation cap.</summary>
    public static bool IsBaseline(string name) => name is GeneticAlgorithm.OptimizerName or Nsga2.OptimizerName or RandomSearch.OptimizerName;

    /// <summary>
    /// False for M2N2: it ranks candidates by per-example scores (competition for each data point,
    /// attraction where the other parent is weak), which a plain function of x does not have; any
    /// split of f into "examples" would be invented for the benchmark. It gets overhead rows only.
    /// </summary>
    public static bool RunsFunctions(string name) => name is not (M2N2.OptimizerName or CmaWithMargin.OptimizerName);

    /// <summary>
    /// Optimizers with rows on the binary and mixed-integer problems: cmawm, and cmaes as the
    /// rounding baseline. (cmawm without discrete genes is cmaes, so it has no reference rows.)
    /// </summary>
    public static bool RunsMixedFunctions(string name) => name is "cmaes" or CmaWithMargin.OptimizerName;

    /// <summary>
    /// An optimizer for a binary or mixed-integer problem: cmawm told which genes are discrete, or
    /// cmaes in the problem's box (its samples are rounded by <see cref="MixedIntegerProblem.Evaluate"/>).
    /// </summary>
    public static IAskTellOptimizer CreateMixed(string name, MixedIntegerProblem problem, ulong seed, double? target, long? maxEvaluations)
    {
        var cma = new CmaEsOptions
        {
            X0 = problem.X0,
            Sigma0 = problem.Sigma0,
            Bounds = problem.Box,
            Mode = CmaCovarianceMode.Full,
            Seed = seed,
            TargetValue = target,
            MaxEvaluations = maxEvaluations,
        };
        return name switch
        {
            "cmaes" => new CmaEs(cma),
            CmaWithMargin.OptimizerName => new CmaWithMargin(new CmaWithMarginOptions { Cma = cma, Discrete = problem.Discrete }),
            _ => throw new ArgumentException($"'{name}' has no mixed-integer rows (only cmaes and {CmaWithMargin.OptimizerName})."),
        };
    }

    /// <summary>An optimizer for a function run (target and cap may be null for open-ended runs).</summary>
    public static IAskTellOptimizer Create(string name, double[] x0, double sigma0, ulong seed, double? target, long? maxEvaluations)
    {
        CmaEsOptions Options(CmaCovarianceMode mode) => new()
        {
            X0 = x0,
            Sigma0 = sigma0,
            Mode = mode,
            Seed = seed,
            TargetValue = target,
            MaxEvaluations = maxEvaluations,
        };
        Bounds Box() => new(x0.Select(v => v - BoxHalfWidthInSigmas * sigma0).ToArray(), x0.Select(v => v + BoxHalfWidthInSigmas * sigma0).ToArray());
        var stop = Termination(target, maxEvaluations);
        return name switch
        {
            "cmaes" => new CmaEs(Options(CmaCovarianceMode.Full)),
            "sep-cmaes" => new CmaEs(Options(CmaCovarianceMode.Separable)),
            IpopCmaEs.OptimizerName => new IpopCmaEs(new CmaRestartOptions { Base = Options(CmaCovarianceMode.Full) }),
            BipopCmaEs.OptimizerName => new BipopCmaEs(new CmaRestartOptions { Base = Options(CmaCovarianceMode.Full) }),
            GeneticAlgorithm.OptimizerName => new GeneticAlgorithm(new GeneticAlgorithmOptions { Bounds = Box(), Seed = seed, Termination = stop }),
            Nsga2.OptimizerName => new Nsga2(new Nsga2Options { Bounds = Box(), Objectives = 1, Seed = seed, Termination = stop }),
            RandomSearch.OptimizerName => new RandomSearch(new RandomSearchOptions { Bounds = Box(), Seed = seed, Termination = stop }),
            M2N2.OptimizerName => throw new ArgumentException("M2N2 needs per-example scores, which the reference functions do not have: it has overhead rows only."),
            CmaWithMargin.OptimizerName => throw new ArgumentException("cmawm runs the binary and mixed-integer problems (CreateMixed); without discrete genes it is cmaes."),
            _ => throw new ArgumentException($"Unknown optimizer '{name}' (known: {string.Join(", ", Names)})."),
        };
    }

    /// <summary>
    /// An optimizer for the overhead rows at dimension n: as <see cref="Create"/> from x0 = 0.5,
    /// sigma0 = 0.5, except NSGA-II with two objectives (its sort and crowding are the cost) and
    /// M2N2 with 20 children per Ask (one archive's worth) over <see cref="M2N2OverheadExamples"/> examples,
    /// and cmawm with every other gene an integer in [-10, 10] (the encoding and margin steps are its cost).
    /// </summary>
    public static IAskTellOptimizer CreateForOverhead(string name, int n)
    {
        var x0 = Enumerable.Repeat(0.5, n).ToArray();
        return name switch
        {
            Nsga2.OptimizerName => new Nsga2(new Nsga2Options
            {
                Bounds = Bounds.Uniform(n, 0.5 - BoxHalfWidthInSigmas * 0.5, 0.5 + BoxHalfWidthInSigmas * 0.5), Objectives = 2, Seed = 1,
            }),
            M2N2.OptimizerName => M2N2.FromRandomSeeds(n, M2N2OverheadExamples, new M2N2Options { BatchSize = 20 }, new Rng(1)),
            CmaWithMargin.OptimizerName => new CmaWithMargin(new CmaWithMarginOptions
            {
                Cma = new CmaEsOptions { X0 = x0, Sigma0 = 0.5, Seed = 1 },
                Discrete = [.. Enumerable.Range(0, n).Select(i => i % 2 == 1 ? DiscreteValues.Integers(-10, 10) : null)],
            }),
            _ => Create(name, x0, 0.5, 1, null, null),
        };
    }

    static ITermination? Termination(double? target, long? maxEvaluations) => (target, maxEvaluations) switch
    {
        ({ } t, { } m) => new OrTermination(new FitnessThresholdTermination(t), new EvaluationsTermination(m)),
        ({ } t, null) => new FitnessThresholdTermination(t),
        (null, { } m) => new EvaluationsTermination(m),
        _ => null,
    };
}
