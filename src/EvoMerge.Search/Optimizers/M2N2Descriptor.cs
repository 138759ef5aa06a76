using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Search.Optimizers;

/// <summary>
/// M2N2 (<c>m2n2</c>): an archive started from the source models themselves (the space's <see cref="ISourceSeeds"/>),
/// crossed over at group boundaries; it competes over per-example scores, so it needs them and the journal keeps them.
/// </summary>
public sealed class M2N2Descriptor : OptimizerDescriptor
{
    /// <summary>Gaussian mutation on merge coefficients when the config gives none (the reference 0.01 is for raw weights).</summary>
    public const double DefaultMutationSigma = 0.02;

    public override string Name => M2N2.OptimizerName;

    public override OptimizerCapabilities Capabilities { get; } = new(MultiObjective: false, NeedsPerExampleScores: true, JournalsPerExampleScores: true, SteadyState: false);

    public override IReadOnlyList<string> Settings { get; } = [Population, MutationSigma, BatchSize];

    public override string PopulationMeaning => "archive size";

    public override IAskTellOptimizer Create(OptimizerSpec spec, OptimizerContext context)
    {
        var sources = context.SourceSeeds ?? throw new ArgumentException("m2n2 starts from the source models, and this search space offers none.");
        return new M2N2(sources.Seeds(), context.Examples, new M2N2Options
        {
            ArchiveSize = spec.Population ?? 20,
            MutationSigma = spec.MutationSigma ?? DefaultMutationSigma,
            BatchSize = spec.BatchSize ?? 1,
            SegmentStarts = sources.SegmentStarts(),
        }, new Rng(context.Seed));
    }

    public override IAskTellOptimizer Restore(JsonObject state) => M2N2.Restore(state);
}
