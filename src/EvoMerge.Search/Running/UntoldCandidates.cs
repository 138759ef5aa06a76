using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Search.Running;

/// <summary>
/// Candidates the optimizer asked for but the run did not evaluate because the evaluation budget ran out in
/// the middle of a generation (the run spends exactly its budget). They are neither journaled nor told; if
/// the budget is extended later (<c>resume --config</c>), they are handed out first, as the next journal
/// generation, before the optimizer is asked again. Kept in snapshots so a restored optimizer can go on.
/// </summary>
internal static class UntoldCandidates
{
    public const string SnapshotKey = "untold";

    /// <summary>The part of <paramref name="asked"/> within <paramref name="remaining"/> evaluations (null: no count budget), and the rest.</summary>
    public static (IReadOnlyList<Candidate> Evaluate, IReadOnlyList<Candidate> Untold) Cut(IReadOnlyList<Candidate> asked, long? remaining)
    {
        if (remaining is not long left || left >= asked.Count) return (asked, []);
        int keep = (int)Math.Max(0, left);
        return (asked.Take(keep).ToList(), asked.Skip(keep).ToList());
    }

    /// <summary>Checks a journaled (possibly cut) batch against what the optimizer asks now, and returns what stays untold.</summary>
    public static IReadOnlyList<Candidate> Replay(BatchAsked recorded, IReadOnlyList<Candidate> asked)
    {
        int journaled = recorded.Candidates.Count;
        // More journaled than asked is a mismatch the check reports; fewer is a generation the budget cut.
        JournalCheck.SameCandidates(recorded, journaled > asked.Count ? asked : asked.Take(journaled).ToList());
        return asked.Skip(journaled).ToList();
    }

    public static JsonArray ToJson(IReadOnlyList<Candidate> untold) =>
        new(untold.Select(c => (JsonNode?)new JsonObject
        {
            ["id"] = c.Id,
            ["genes"] = new JsonArray(c.Genes.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
            ["metadata"] = c.Metadata is null ? null : new JsonObject(c.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)JsonValue.Create(m.Value)))),
        }).ToArray());

    /// <summary>The untold candidates of a snapshot; none in snapshots written before runs spent exact budgets.</summary>
    public static IReadOnlyList<Candidate> FromJson(JsonNode? node) =>
        node is not JsonArray array
            ? []
            : array.Select(n => new Candidate(
                n?["id"]?.GetValue<long>() ?? throw new InvalidDataException("an untold candidate has no id."),
                (n["genes"] as JsonArray ?? throw new InvalidDataException("an untold candidate has no genes.")).Select(g => g!.GetValue<double>()).ToArray(),
                MetadataFromJson(n["metadata"]))).ToList();

    // Snapshots written before candidates carried metadata have none.
    static Dictionary<string, string>? MetadataFromJson(JsonNode? node) =>
        node is JsonObject metadata ? metadata.ToDictionary(m => m.Key, m => m.Value?.GetValue<string>() ?? "") : null;
}
