using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Cma;

/// <summary>Writes and reads <see cref="CmaEsOptions"/> exactly, as part of the optimizers' state.</summary>
internal static class CmaEsOptionsJson
{
    public static JsonObject Write(CmaEsOptions o)
    {
        var json = new JsonObject
        {
            ["x0"] = CmaJson.Vector(o.X0),
            ["sigma0"] = CmaJson.Number(o.Sigma0),
            ["populationSize"] = o.PopulationSize,
            ["mode"] = o.Mode.ToString(),
            ["maxEvaluations"] = o.MaxEvaluations,
            ["maxGenerations"] = o.MaxGenerations,
            ["targetValue"] = o.TargetValue is { } t ? CmaJson.Number(t) : null,
            ["tolX"] = CmaJson.Number(o.TolX),
            ["tolFun"] = CmaJson.Number(o.TolFun),
            ["tolFunHist"] = CmaJson.Number(o.TolFunHist),
            ["tolStagnation"] = o.TolStagnation,
            ["tolConditionCov"] = CmaJson.Number(o.TolConditionCov),
            ["tolFacUpX"] = CmaJson.Number(o.TolFacUpX),
            ["tolUpSigma"] = CmaJson.Number(o.TolUpSigma),
            ["maxAllFailedGenerations"] = o.MaxAllFailedGenerations,
            ["maxStdBoundRange"] = CmaJson.Number(o.MaxStdBoundRange),
            ["eigenUpdateGap"] = o.EigenUpdateGap is { } g ? CmaJson.Number(g) : null,
            ["seed"] = CmaJson.UInt64(o.Seed),
            ["firstCandidateId"] = o.FirstCandidateId,
        };
        if (o.Bounds is { } b)
            json["bounds"] = new JsonObject { ["lower"] = CmaJson.Vector(b.Lower), ["upper"] = CmaJson.Vector(b.Upper) };
        return json;
    }

    public static CmaEsOptions Read(JsonNode? node)
    {
        if (node is not JsonObject o) throw new FormatException("State lacks the CMA-ES 'options' object.");
        Bounds? bounds = o["bounds"] is JsonObject b
            ? new Bounds(CmaJson.ReadVector(b["lower"], "bounds.lower"), CmaJson.ReadVector(b["upper"], "bounds.upper"))
            : null;
        var options = new CmaEsOptions
        {
            X0 = CmaJson.ReadVector(o["x0"], "x0"),
            Sigma0 = CmaJson.ReadNumber(o["sigma0"], "sigma0"),
            PopulationSize = o["populationSize"]?.GetValue<int>(),
            Bounds = bounds,
            Mode = Enum.Parse<CmaCovarianceMode>(CmaJson.Required<string>(o["mode"], "mode")),
            MaxEvaluations = o["maxEvaluations"]?.GetValue<long>(),
            MaxGenerations = o["maxGenerations"]?.GetValue<long>(),
            TargetValue = o["targetValue"] is { } t ? CmaJson.ReadNumber(t, "targetValue") : null,
            TolX = CmaJson.ReadNumber(o["tolX"], "tolX"),
            TolFun = CmaJson.ReadNumber(o["tolFun"], "tolFun"),
            TolFunHist = CmaJson.ReadNumber(o["tolFunHist"], "tolFunHist"),
            TolStagnation = o["tolStagnation"]?.GetValue<int>(),
            TolConditionCov = CmaJson.ReadNumber(o["tolConditionCov"], "tolConditionCov"),
            TolFacUpX = CmaJson.ReadNumber(o["tolFacUpX"], "tolFacUpX"),
            TolUpSigma = CmaJson.ReadNumber(o["tolUpSigma"], "tolUpSigma"),
            MaxAllFailedGenerations = CmaJson.Required<int>(o["maxAllFailedGenerations"], "maxAllFailedGenerations"),
            MaxStdBoundRange = CmaJson.ReadNumber(o["maxStdBoundRange"], "maxStdBoundRange"),
            EigenUpdateGap = o["eigenUpdateGap"] is { } g ? CmaJson.ReadNumber(g, "eigenUpdateGap") : null,
            Seed = CmaJson.ReadUInt64(o["seed"], "seed"),
            FirstCandidateId = CmaJson.Required<long>(o["firstCandidateId"], "firstCandidateId"),
        };
        options.Validate();
        return options;
    }
}
