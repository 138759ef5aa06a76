namespace EvoMerge.Search.Genomes;

/// <summary>Where a gene acts: a layer group, or one kind of non-layer tensor.</summary>
public enum GeneScope { LayerGroup, Embed, Norm, Head }

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
    double Max);
