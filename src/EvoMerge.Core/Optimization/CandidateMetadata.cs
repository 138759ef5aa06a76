using System.Globalization;

namespace EvoMerge.Core.Optimization;

/// <summary>
/// Keys and value formats of <see cref="Candidate.Metadata"/> shared by optimizers (which write them) and the
/// run's outputs and dashboard (which show them). Values are strings so that any optimizer can add keys of its own.
/// </summary>
public static class CandidateMetadata
{
    /// <summary>Ids of the candidates (trials) the candidate was bred from, separated by spaces.</summary>
    public const string Parents = "parents";

    /// <summary>Gene index of a split-point crossover: genes before it were blended with one mixing ratio, the rest with its complement.</summary>
    public const string SplitAt = "split_at";

    public static string FormatIds(IEnumerable<long> ids) =>
        string.Join(' ', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The ids of a <see cref="Parents"/> value; empty when there is none or it does not parse.</summary>
    public static IReadOnlyList<long> ParseIds(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var ids = new List<long>();
        foreach (string part in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long id)) return [];
            ids.Add(id);
        }

        return ids;
    }
}
