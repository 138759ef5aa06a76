using System.Text.Json;
using System.Text.Json.Serialization;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Trials;

namespace EvoMerge.Farm.Dispatch;

/// <summary>
/// How trials and their results cross between coordinator and workers: JSON, with non-finite numbers allowed
/// (a metric may be NaN before the coordinator decides what it means), and doubles round-tripping exactly, so
/// a trial evaluated on a worker gives the very numbers it gives in the search process.
/// </summary>
public static class TrialJson
{
    static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(TrialRequest request) => JsonSerializer.Serialize(request, Options);

    public static TrialRequest ReadRequest(string json) =>
        JsonSerializer.Deserialize<TrialRequest>(json, Options) ?? throw new JsonException("empty trial request.");

    public static string Write(TrialResult result) => JsonSerializer.Serialize(new ResultBody(result.TrialId,
        result.Metrics?.ToDictionary(), result.PerExampleScores, result.FailureReason, result.Seconds, result.Slice, result.Anchored), Options);

    public static TrialResult ReadResult(string json)
    {
        var body = JsonSerializer.Deserialize<ResultBody>(json, Options) ?? throw new JsonException("empty trial result.");
        // The slice and anchors travel back so the run can tell a late answer to an earlier request apart.
        return new TrialResult(body.TrialId, body.Metrics, body.PerExampleScores, body.FailureReason, body.Seconds)
        {
            Slice = body.Slice,
            Anchored = body.Anchored,
        };
    }

    sealed record ResultBody(long TrialId, Dictionary<string, double>? Metrics, double[]? PerExampleScores, string? FailureReason, double Seconds,
        FitnessSlice? Slice = null, bool Anchored = false);
}
