namespace EvoMerge.Search.Optimizers;

/// <summary>
/// An optional capability of a search space, asked for by optimizers that start from the source models
/// themselves and cross them over in blocks (M2N2).
/// </summary>
public interface ISourceSeeds
{
    /// <summary>Starting vectors: each source model alone, as far as the space allows.</summary>
    IReadOnlyList<double[]> Seeds();

    /// <summary>Where split points may fall: gene indices that start a group (layer group, slot block).</summary>
    int[] SegmentStarts();
}
