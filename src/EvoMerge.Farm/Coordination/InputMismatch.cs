using System.Text.Json.Nodes;
using EvoMerge.Search.Inputs;

namespace EvoMerge.Farm.Coordination;

/// <summary>
/// Compares the run's input files as the coordinator sees them with a worker's view (both as recorded by
/// <see cref="InputIdentity.Record"/>): a message naming each file that is missing on the worker or differs,
/// or null when the worker sees the same files.
/// </summary>
public static class InputMismatch
{
    public static string? Describe(JsonNode coordinator, JsonNode? worker)
    {
        if (worker is not JsonArray theirs) return "the worker did not report its input files.";
        var mine = Entries(coordinator);
        var seen = Entries(theirs);
        var problems = new List<string>();
        foreach (var (path, expected) in mine)
        {
            if (!seen.TryGetValue(path, out var actual))
                problems.Add($"{path}: missing on the worker (the coordinator reads it; the same path must hold the same file on every machine).");
            else if (expected["size"]?.GetValue<long>() != actual["size"]?.GetValue<long>())
                problems.Add($"{path}: differs on the worker ({actual["size"]} bytes there, {expected["size"]} on the coordinator).");
            else if (!JsonNode.DeepEquals(expected, actual))
                problems.Add($"{path}: differs on the worker (same size, different contents).");
        }
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    static Dictionary<string, JsonObject> Entries(JsonNode node) =>
        node.AsArray().OfType<JsonObject>().ToDictionary(e => e["path"]!.GetValue<string>(), StringComparer.Ordinal);
}
