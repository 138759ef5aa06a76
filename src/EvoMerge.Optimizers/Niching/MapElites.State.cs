using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Niching;

// Snapshot export and restore, in the same compact form as M2N2's.
public sealed partial class MapElites
{
    const int StateVersion = 1;

    public JsonObject ExportState()
    {
        var batch = SnapshotCodec.ExportBatch(_pending, _told);
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
            ["pending"] = batch.Pending,
            ["told"] = batch.Told,
            ["best"] = _bestGenes is null ? null : new JsonObject
            {
                ["value"] = VectorCodec.Encode([_bestValue]),
                ["genes"] = VectorCodec.Encode(_bestGenes),
            },
        };
    }

    public static MapElites Restore(JsonObject state)
    {
        SnapshotCodec.ExpectHeader(state, OptimizerName, StateVersion, "MAP-Elites");
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
        SnapshotCodec.ImportBatch(state, dimension, examples, map._pending, map._told);
        if (state["best"] is JsonObject best)
        {
            map._bestValue = VectorCodec.Decode(best["value"]!.GetValue<string>(), 1)[0];
            map._bestGenes = VectorCodec.Decode(best["genes"]!.GetValue<string>(), dimension);
        }
        return map;
    }
}
