namespace EvoMerge.Search.Genomes;

/// <summary>Where a gene acts: a layer group, one kind of non-layer tensor, or the whole merge (the one method gene).</summary>
public enum GeneScope { LayerGroup, Embed, Norm, Head, Merge }

/// <summary>
/// One gene of a parameter-space genome: its CSV name, what it sets (a method parameter, for one model
/// or for the whole slice when <see cref="Model"/> is null), where (a layer group or non-layer tensors,
/// optionally only tensors matching <see cref="Filter"/>) and its box.
/// </summary>
public sealed record GeneInfo(
    string Name,
    GeneScope Scope,
    int Group,
    string? Model,
    string? Filter,
    string Parameter,
    double Min,
    double Max)
{
    /// <summary>The <see cref="Parameter"/> of a method gene: a categorical gene that picks the merge method.</summary>
    public const string MethodParameter = "method";

    /// <summary>A method gene's choices (method names, in config order; <see cref="Core.Optimization.CategoryBins"/> maps [0, 1] onto them); null for a numeric gene.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    public bool IsMethod => Categories is not null;
}
