using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Niching;

// Snapshot export and restore, in the same compact form as M2N2's.
public sealed partial class MapElites
{
    const int StateVersion = 1;

    public JsonObject ExportState()
    {
        return new JsonObject
        {
            ["version"] = StateVersion,
            ["optimizer"] = OptimizerName,
            ["dimension"] = Dimension,
            ["examples"] = Examples,
            ["options"] = Options.ToJson(),
            ["rng"] = SnapshotCodec.ExportRng(_rng),
            ["next_id"] = _nextId,
            ["evaluations"] = _evaluations,
            ["unasked_seeds"] = new JsonArray(_unaskedSeeds.Select(s => (JsonNode?)VectorCodec.Encode(s)).ToArray()),
            ["cells"] = new JsonArray(_cells.OrderBy(c => c.Key).Select(c => (JsonNode?)new JsonObject
            {
                ["cell"] = c.Key,
                ["quality"] = VectorCodec.Encode([c.Value.Quality]),
                ["vector"] = VectorCodec.Encode(c.Value.Vector),
            }).ToArray()),
            ["pending"] = new JsonArray(_pending.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id,
                ["genes"] = VectorCodec.Encode(c.Genes),
            }).ToArray()),
            ["told"] = new JsonArray(_pending.Where(c => _told.ContainsKey(c.Id)).Select(c => (JsonNode?)SnapshotCodec.ExportOutcome(_told[c.Id])).ToArray()),
            ["best"] = _bestGenes is null ? null : new JsonObject
            {
                ["value"] = VectorCodec.Encode([_bestValue]),
                ["genes"] = VectorCodec.Encode(_bestGenes),
            },
        };
    }

    public static MapElites Restore(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string? name = state["optimizer"]?.GetValue<string>();
        if (name != OptimizerName) throw new ArgumentException($"State belongs to optimizer '{name}', not '{OptimizerName}'.");
        int version = state["version"]?.GetValue<int>() ?? -1;
        if (version != StateVersion) throw new ArgumentException($"Unsupported MAP-Elites state version {version} (this build reads {StateVersion}).");
        int dimension = state["dimension"]!.GetValue<int>();
        int examples = state["examples"]!.GetValue<int>();
        var map = new MapElites(dimension, examples, MapElitesOptions.FromJson(state["options"]!.AsObject()),
            SnapshotCodec.ImportRng(state["rng"]))
        {
            _nextId = state["next_id"]!.GetValue<long>(),
            _evaluations = state["evaluations"]!.GetValue<long>(),
        };
        foreach (var seed in state["unasked_seeds"]!.AsArray()) map._unaskedSeeds.Add(VectorCodec.Decode(seed!.GetValue<string>(), dimension));
        foreach (var cell in state["cells"]!.AsArray())
            map._cells[cell!["cell"]!.GetValue<int>()] = (
                VectorCodec.Decode(cell["vector"]!.GetValue<string>(), dimension),
                VectorCodec.Decode(cell["quality"]!.GetValue<string>(), 1)[0]);
        foreach (var pending in state["pending"]!.AsArray())
            map._pending.Add(new Candidate(pending!["id"]!.GetValue<long>(), VectorCodec.Decode(pending["genes"]!.GetValue<string>(), dimension)));
        foreach (var told in state["told"]!.AsArray())
        {
            var outcome = SnapshotCodec.ImportOutcome(told!.AsObject(), examples);
            map._told.Add(outcome.CandidateId, outcome);
        }
        if (state["best"] is JsonObject best)
        {
            map._bestValue = VectorCodec.Decode(best["value"]!.GetValue<string>(), 1)[0];
            map._bestGenes = VectorCodec.Decode(best["genes"]!.GetValue<string>(), dimension);
        }
        return map;
    }
}
