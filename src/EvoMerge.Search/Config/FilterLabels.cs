namespace EvoMerge.Search.Config;

/// <summary>
/// How a <c>genome.filters</c> entry appears in gene names. Dots at its ends only anchor mergekit's substring
/// match (<c>experts.1.</c> is expert 1, not 10-19) and would double the dots of a gene name, so they are left out.
/// </summary>
public static class FilterLabels
{
    public static string Of(string filter) => filter.Trim('.');
}
