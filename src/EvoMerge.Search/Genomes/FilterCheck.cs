using EvoMerge.Merging.Planning;

namespace EvoMerge.Search.Genomes;

/// <summary>
/// Checks <c>genome.filters</c> against the layer tensor names before any weights are read. Filters are
/// mergekit substring matches and the first match wins, so a filter that matches no layer tensor (a typo in
/// <c>block_sparse_moe.gate</c>) or only tensors an earlier filter takes would make genes that change nothing.
/// </summary>
internal static class FilterCheck
{
    /// <summary>How many layer tensor names to show as examples in an error.</summary>
    const int Examples = 4;

    public static void Check(IReadOnlyList<string> filters, TensorLayout layout, List<string> problems)
    {
        if (filters.Count == 0) return;
        var matches = new bool[filters.Count];
        var wins = new bool[filters.Count];
        // For a filter that matches but never wins: the earlier filter that took its first tensor.
        var takenBy = new int?[filters.Count];
        for (int layer = 0; layer < layout.LayerCount; layer++)
            foreach (var suffix in layout.LayerSuffixes)
            {
                string tensor = layout.LayerTensorName(layer, suffix);
                int winner = -1;
                for (int f = 0; f < filters.Count; f++)
                {
                    if (!tensor.Contains(filters[f], StringComparison.Ordinal)) continue;
                    matches[f] = true;
                    if (winner < 0) { winner = f; wins[f] = true; }
                    else takenBy[f] ??= winner;
                }
            }

        string examples = string.Join(", ", layout.LayerSuffixes.Take(Examples).Select(s => $"'{layout.LayerTensorName(0, s)}'"));
        for (int f = 0; f < filters.Count; f++)
        {
            if (!matches[f])
                problems.Add($"genome.filters: '{filters[f]}' matches no layer tensor (a part of names like {examples}), so its genes would change nothing.");
            else if (!wins[f])
                problems.Add($"genome.filters: every tensor '{filters[f]}' matches is taken by the earlier filter '{filters[takenBy[f]!.Value]}' (the first match wins), so its genes would change nothing; list it first or drop it.");
        }
    }
}
