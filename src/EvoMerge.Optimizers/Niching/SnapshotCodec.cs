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

    static JsonNode Word(ulong word) => word.ToString(CultureInfo.InvariantCulture);
}
