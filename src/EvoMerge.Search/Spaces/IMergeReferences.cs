using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Config;

namespace EvoMerge.Search.Spaces;

/// <summary>
/// A space whose candidates are parameter merges of the source checkpoints: the base model and a plain
/// merge of the experts are meaningful references beside the best trials in the test report.
/// </summary>
public interface IMergeReferences
{
    /// <summary>Merges <paramref name="recipe"/> in memory with the space's sources.</summary>
    MergedModel Materialize(MergeConfig recipe, CancellationToken ct);
}
