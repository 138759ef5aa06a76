using System.Globalization;
using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// JSON pieces shared by the niching optimizers' snapshots: generator words as decimal strings
/// (JSON numbers lose 64-bit words) and buffered outcomes with their vectors in base64.
/// </summary>
internal static class SnapshotCodec
{
    public static JsonArray ExportRng(Rng rng)
    {
        var s = rng.State;
        return new JsonArray(Word(s.S0), Word(s.S1), Word(s.S2), Word(s.S3));
    }

    public static Rng ImportRng(JsonNode? json)
    {
        var words = json?.AsArray().Select(n => ulong.Parse(n!.GetValue<string>(), CultureInfo.InvariantCulture)).ToArray()
            ?? throw new ArgumentException("State lacks the random generator.");
        if (words.Length != 4) throw new ArgumentException($"Random generator state needs 4 words, got {words.Length}.");
        return Rng.FromState(new RngState(words[0], words[1], words[2], words[3]));
    }

    public static JsonObject ExportOutcome(TrialOutcome outcome) => outcome switch
    {
        TrialOutcome.Completed done => new JsonObject
        {
            ["id"] = done.CandidateId,
            ["status"] = "completed",
            ["objectives"] = VectorCodec.Encode(done.Objectives),
            ["objective_count"] = done.Objectives.Length,
            ["scores"] = VectorCodec.Encode(done.PerExampleScores),
        },
        TrialOutcome.Failed failed => new JsonObject
        {
            ["id"] = failed.CandidateId,
            ["status"] = "failed",
            ["reason"] = failed.Reason,
        },
        _ => throw new ArgumentException($"Unknown outcome type {outcome.GetType().Name}."),
    };

    public static TrialOutcome ImportOutcome(JsonObject json, int examples)
    {
        long id = json["id"]!.GetValue<long>();
        return json["status"]!.GetValue<string>() switch
        {
            "completed" => TrialOutcome.Success(id,
                VectorCodec.Decode(json["objectives"]!.GetValue<string>(), json["objective_count"]!.GetValue<int>()),
                VectorCodec.Decode(json["scores"]!.GetValue<string>(), examples)),
            "failed" => TrialOutcome.Failure(id, json["reason"]!.GetValue<string>()),
            var other => throw new ArgumentException($"Unknown outcome status '{other}' in the state."),
        };
    }

    /// <summary>Throws unless the snapshot was written by <paramref name="optimizer"/> in <paramref name="version"/>.</summary>
    public static void ExpectHeader(JsonObject state, string optimizer, int version, string displayName)
    {
        ArgumentNullException.ThrowIfNull(state);
        string? name = state["optimizer"]?.GetValue<string>();
        if (name != optimizer) throw new ArgumentException($"State belongs to optimizer '{name}', not '{optimizer}'.");
        int stored = state["version"]?.GetValue<int>() ?? -1;
        if (stored != version) throw new ArgumentException($"Unsupported {displayName} state version {stored} (this build reads {version}).");
    }

    /// <summary>The open batch: its candidates ("pending") and, in asking order, the outcomes told so far ("told").</summary>
    public static (JsonArray Pending, JsonArray Told) ExportBatch(IReadOnlyList<Candidate> pending, IReadOnlyDictionary<long, TrialOutcome> told) =>
    (
        new JsonArray(pending.Select(c => (JsonNode?)new JsonObject
        {
            ["id"] = c.Id,
            ["genes"] = VectorCodec.Encode(c.Genes),
        }).ToArray()),
        new JsonArray(pending.Where(c => told.ContainsKey(c.Id)).Select(c => (JsonNode?)ExportOutcome(told[c.Id])).ToArray())
    );

    /// <summary>Refills <paramref name="pending"/> and <paramref name="told"/> from what <see cref="ExportBatch"/> wrote.</summary>
    public static void ImportBatch(JsonObject state, int dimension, int examples, List<Candidate> pending, Dictionary<long, TrialOutcome> told)
    {
        foreach (var candidate in state["pending"]!.AsArray())
            pending.Add(new Candidate(candidate!["id"]!.GetValue<long>(), VectorCodec.Decode(candidate["genes"]!.GetValue<string>(), dimension)));
        foreach (var json in state["told"]!.AsArray())
        {
            var outcome = ImportOutcome(json!.AsObject(), examples);
            told.Add(outcome.CandidateId, outcome);
        }
    }

    static JsonNode Word(ulong word) => word.ToString(CultureInfo.InvariantCulture);
}
