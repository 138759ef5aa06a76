using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Cma;

public sealed partial class CmaWithMargin
{
    public JsonObject ExportState() => new()
    {
        ["optimizer"] = Name,
        ["version"] = StateVersion,
        ["cma"] = _cma.ExportState(),
        ["discrete"] = new JsonArray([.. _discrete.Select(d => d is null ? null : (JsonNode)CmaJson.Vector([.. d.Values]))]),
        ["bounds"] = _box is null ? null : new JsonObject
        {
            ["lower"] = CmaJson.Vector(_box.Lower),
            ["upper"] = CmaJson.Vector(_box.Upper),
        },
        ["margin"] = CmaJson.Number(_margin),
        ["scale"] = CmaJson.Vector(_scale),
        ["best"] = _bestGenes is null ? null : new JsonObject
        {
            ["genes"] = CmaJson.Vector(_bestGenes),
            ["value"] = CmaJson.Number(_bestValue),
        },
    };

    /// <summary>Rebuilds an optimizer from <see cref="ExportState"/>; it continues bit for bit.</summary>
    public static CmaWithMargin Restore(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CmaJson.CheckHeader(state, OptimizerName, StateVersion);
        var cma = CmaEs.Restore(state["cma"] as JsonObject ?? throw new FormatException("CMA-ES with margin state lacks 'cma'."));
        int n = cma.Dimension;
        if (state["discrete"] is not JsonArray discreteJson || discreteJson.Count != n)
            throw new FormatException($"CMA-ES with margin state needs 'discrete' with {n} entries.");
        var discrete = discreteJson.Select(d => d is null ? null : new DiscreteValues(CmaJson.ReadVector(d, "discrete"))).ToArray();
        Bounds? bounds = state["bounds"] is JsonObject b ? new Bounds(ReadVector(b, "lower", n), ReadVector(b, "upper", n)) : null;
        var scale = ReadVector(state, "scale", n);
        var restored = new CmaWithMargin(cma, discrete, bounds, CmaJson.ReadNumber(state["margin"], "margin"), scale);
        if (state["best"] is JsonObject best)
        {
            restored._bestGenes = ReadVector(best, "genes", n);
            restored._bestValue = CmaJson.ReadNumber(best["value"], "best.value");
        }
        // The untold candidates of a pending generation encode as they did when first asked: the
        // mean and A only change once the generation is complete.
        if (cma.HasPendingCandidates)
            foreach (var c in cma.Ask()) restored._asked[c.Id] = restored.Encode(c.Genes);
        return restored;
    }

    static double[] ReadVector(JsonObject json, string name, int n)
    {
        var v = CmaJson.ReadVector(json[name], name);
        if (v.Length != n) throw new FormatException($"'{name}' has {v.Length} values, expected {n}.");
        return v;
    }
}
