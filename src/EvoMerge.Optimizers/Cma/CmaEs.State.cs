using System.Text.Json.Nodes;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Cma;

public sealed partial class CmaEs
{
    public JsonObject ExportState() => new()
    {
        ["optimizer"] = Name,
        ["version"] = StateVersion,
        ["options"] = CmaEsOptionsJson.Write(_options),
        ["rng"] = CmaJson.Rng(_rng.State),
        ["completedGenerations"] = _completedGenerations,
        ["evaluations"] = _evaluations,
        ["nextId"] = _nextId,
        ["sigma"] = CmaJson.Number(_sigma),
        ["mean"] = CmaJson.Vector(_mean),
        ["ps"] = CmaJson.Vector(_ps),
        ["pc"] = CmaJson.Vector(_pc),
        ["covariance"] = _covariance.Export(),
        ["best"] = _bestGenes is null ? null : new JsonObject
        {
            ["genes"] = CmaJson.Vector(_bestGenes),
            ["value"] = CmaJson.Number(_bestValue),
        },
        ["history"] = _history.Export(),
        ["allFailedStreak"] = _allFailedStreak,
        ["numericalFailure"] = _numericalFailure,
        ["pending"] = _pending ? _generation.Export() : null,
    };

    /// <summary>Rebuilds an optimizer from <see cref="ExportState"/>; it continues bit for bit.</summary>
    public static CmaEs Restore(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var options = CmaEsOptionsJson.Read(state["options"]);
        var es = new CmaEs(options);
        CmaJson.CheckHeader(state, es.Name, StateVersion);
        int n = es._n, lambda = es._p.Lambda;
        es._rng = Rng.FromState(CmaJson.ReadRng(state["rng"]));
        es._completedGenerations = CmaJson.Required<long>(state["completedGenerations"], "completedGenerations");
        es._evaluations = CmaJson.Required<long>(state["evaluations"], "evaluations");
        es._nextId = CmaJson.Required<long>(state["nextId"], "nextId");
        es._sigma = CmaJson.ReadNumber(state["sigma"], "sigma");
        es._mean = ReadVector(state, "mean", n);
        es._ps = ReadVector(state, "ps", n);
        es._pc = ReadVector(state, "pc", n);
        es._covariance.CopyFrom(state["covariance"] as JsonObject
            ?? throw new FormatException("CMA state lacks 'covariance'."));
        if (state["best"] is JsonObject best)
        {
            es._bestGenes = ReadVector(best, "genes", n);
            es._bestValue = CmaJson.ReadNumber(best["value"], "best.value");
        }
        es._history = CmaFitnessHistory.Restore(state["history"] as JsonObject
            ?? throw new FormatException("CMA state lacks 'history'."), es._p.FunctionHistoryLength);
        es._allFailedStreak = CmaJson.Required<int>(state["allFailedStreak"], "allFailedStreak");
        es._numericalFailure = CmaJson.Required<bool>(state["numericalFailure"], "numericalFailure");
        if (state["pending"] is JsonObject pending)
        {
            es._generation.CopyFrom(CmaGeneration.Restore(pending, lambda, n));
            es._pending = true;
        }
        return es;
    }

    static double[] ReadVector(JsonObject json, string name, int n)
    {
        var v = CmaJson.ReadVector(json[name], name);
        if (v.Length != n) throw new FormatException($"'{name}' has {v.Length} values, expected {n}.");
        return v;
    }
}
