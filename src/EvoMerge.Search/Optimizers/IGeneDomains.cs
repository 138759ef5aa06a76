namespace EvoMerge.Search.Optimizers;

/// <summary>
/// An optional capability of a search space: which of its genes are discrete (data-flow slot indicators are
/// binary: on or off). Asked for by mixed-integer optimizers (<c>cmawm</c>); a space without it has only
/// continuous genes, and the other optimizers treat every gene as continuous.
/// </summary>
public interface IGeneDomains
{
    /// <summary>One domain per gene, in gene order.</summary>
    IReadOnlyList<GeneDomain> GeneDomains();
}
