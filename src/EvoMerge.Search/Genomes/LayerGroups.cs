namespace EvoMerge.Search.Genomes;

/// <summary>Consecutive layers [First, Last] that share genes.</summary>
public sealed record LayerGroup(int Index, int First, int Last)
{
    public int Count => Last - First + 1;

    /// <summary>The gene-name prefix, e.g. <c>layers_0-3</c> (inclusive range).</summary>
    public string Label => $"layers_{First}-{Last}";

    /// <summary>Groups of <paramref name="granularity"/> layers; the last one may be shorter.</summary>
    public static IReadOnlyList<LayerGroup> Split(int layers, int granularity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(granularity, 1);
        var groups = new List<LayerGroup>();
        for (int first = 0; first < layers; first += granularity)
            groups.Add(new LayerGroup(groups.Count, first, Math.Min(first + granularity, layers) - 1));
        return groups;
    }
}
