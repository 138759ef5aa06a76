using EvoMerge.Merging.Methods.Tensors;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>DELLA: magnitude-ranked random keep per row (see <see cref="RankSamplingMask"/>).</summary>
public sealed class Della : ISparsifier
{
    public long ChunkAlignment(long[] shape) => Math.Max(1, RankSamplingMask.RowLayout(shape).Slice);

    public ITaskVectorMask? Prepare(TaskVectorSource source, SparsificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Density >= 1) return null;
        if (ProbabilityRangeProblem(settings.Density, settings.Epsilon) is string problem)
            throw new ArgumentException($"{settings.Where}: {problem}");
        var generator = settings.Generator
            ?? throw new ArgumentException($"{settings.Where}: della needs a seeded generator (MergeInputs.Generator)");
        return new RankSamplingMask(source, settings.Density, settings.Epsilon, generator);
    }

    /// <summary>Null when keep probabilities stay inside (0, 1), else the reason (mergekit's check, only below density 1).</summary>
    public static string? ProbabilityRangeProblem(double density, double epsilon) =>
        density >= 1 || (density - epsilon > 0 && density + epsilon < 1)
            ? null
            : $"della needs 0 < density - epsilon and density + epsilon < 1 (density {density}, epsilon {epsilon})";
}
