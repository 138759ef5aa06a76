using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Niching;

// Snapshot export and restore. Vectors and scores travel as base64 of little-endian doubles
// (exact and compact); random-generator words as decimal strings (JSON numbers lose 64-bit words).
public sealed partial class M2N2
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
            ["failures"] = _failures,
            ["unasked_seeds"] = new JsonArray(_unaskedSeeds.Select(s => (JsonNode?)VectorCodec.Encode(s)).ToArray()),
            ["archive"] = new JsonArray(Enumerable.Range(0, ArchiveSize).Select(k => (JsonNode?)new JsonObject
            {
                ["vector"] = VectorCodec.Encode(_archive.Vector(k)),
                ["scores"] = VectorCodec.Encode(_archive.Scores(k)),
                ["candidate"] = _slotIds[k],
            }).ToArray()),
            ["pending"] = batch.Pending,
            ["told"] = batch.Told,
            ["best"] = _bestGenes is null ? null : new JsonObject
            {
                ["value"] = _bestValue,
                ["genes"] = VectorCodec.Encode(_bestGenes),
            },
        };
    }

    /// <summary>Rebuilds an optimizer from <see cref="ExportState"/>; it continues exactly as the original would.</summary>
    public static M2N2 Restore(JsonObject state)
    {
        SnapshotCodec.ExpectHeader(state, OptimizerName, StateVersion, "M2N2");

        int dimension = state["dimension"]!.GetValue<int>();
        int examples = state["examples"]!.GetValue<int>();
        var rng = SnapshotCodec.ImportRng(state["rng"]);
        var m2n2 = new M2N2(dimension, examples, M2N2Options.FromJson(state["options"]!.AsObject()), rng)
        {
            _nextId = state["next_id"]!.GetValue<long>(),
            _evaluations = state["evaluations"]!.GetValue<long>(),
            _failures = state["failures"]!.GetValue<long>(),
        };
        foreach (var seed in state["unasked_seeds"]!.AsArray())
            m2n2._unaskedSeeds.Add(VectorCodec.Decode(seed!.GetValue<string>(), dimension));
        var archive = state["archive"]!.AsArray();
        if (archive.Count != m2n2.ArchiveSize) throw new ArgumentException($"State holds {archive.Count} archive slots, options say {m2n2.ArchiveSize}.");
        for (int k = 0; k < archive.Count; k++)
            m2n2._archive.Load(k,
                VectorCodec.Decode(archive[k]!["vector"]!.GetValue<string>(), dimension),
                VectorCodec.Decode(archive[k]!["scores"]!.GetValue<string>(), examples));
        // Snapshots written before children named their parents have no ids: those parents stay unnamed.
        for (int k = 0; k < archive.Count; k++)
            m2n2._slotIds[k] = archive[k]!["candidate"]?.GetValue<long>() ?? -1;
        SnapshotCodec.ImportBatch(state, dimension, examples, m2n2._pending, m2n2._told);
        if (state["best"] is JsonObject best)
        {
            m2n2._bestValue = best["value"]!.GetValue<double>();
            m2n2._bestGenes = VectorCodec.Decode(best["genes"]!.GetValue<string>(), dimension);
        }
        return m2n2;
    }
}
