using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Search.Optimizers;

/// <summary>
/// What an optimizer is built from besides its settings: the genome's boxes and starting point, the number of
/// objectives and of per-example scores per candidate, the run seed, and the space's source seeds and gene domains when it has them.
/// </summary>
/// <remarks>
/// The search builds every optimizer with the defaults of the init properties; the optimizer benchmark
/// (<c>benchmark optimizers</c>) builds the same descriptors with its own stop conditions and starts.
/// </remarks>
public sealed record OptimizerContext(Bounds Bounds, double[] X0, int Objectives, int Examples, ulong Seed, ISourceSeeds? SourceSeeds, IGeneDomains? GeneDomains = null)
{
    /// <summary>Stop once a value below this is told (the optimizer checks it); null in a search, whose run loop stops it.</summary>
    public double? TargetValue { get; init; }

    /// <summary>Stop after this many evaluations (the optimizer checks it); null in a search.</summary>
    public long? MaxEvaluations { get; init; }

    /// <summary>
    /// Whether <see cref="X0"/> joins a population's first generation (a search starts from its space's starting
    /// point); false starts population-based optimizers uniformly in <see cref="Bounds"/>.
    /// </summary>
    public bool StartsAtX0 { get; init; } = true;

    /// <summary>
    /// Whether CMA-ES keeps its samples in <see cref="Bounds"/> (a search's gene boxes); false lets it sample
    /// freely around <see cref="X0"/>, as pycma does on the benchmark functions.
    /// </summary>
    public bool KeepsInBounds { get; init; } = true;

    /// <summary>The stop rule of the population-based optimizers: <see cref="TargetValue"/> and/or <see cref="MaxEvaluations"/>.</summary>
    public ITermination? Termination() => (TargetValue, MaxEvaluations) switch
    {
        ({ } t, { } m) => new OrTermination(new FitnessThresholdTermination(t), new EvaluationsTermination(m)),
        ({ } t, null) => new FitnessThresholdTermination(t),
        (null, { } m) => new EvaluationsTermination(m),
        _ => null,
    };
}
