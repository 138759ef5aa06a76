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
                problems.Add($"{path}{There(actual)}: differs on the worker ({actual["size"]} bytes there, {expected["size"]} on the coordinator).");
            else if (!JsonNode.DeepEquals(expected, Without(actual, "local_path")))
                problems.Add($"{path}{There(actual)}: differs on the worker (same size, different contents).");
        }
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    /// <summary>Where a worker with a --path-map read the file, for the message.</summary>
    static string There(JsonObject actual) =>
        actual["local_path"]?.GetValue<string>() is { } local ? $" (read on the worker as {local}, by its --path-map)" : "";

    static JsonObject Without(JsonObject entry, string field)
    {
        var copy = entry.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }

    static Dictionary<string, JsonObject> Entries(JsonNode node) =>
        node.AsArray().OfType<JsonObject>().ToDictionary(e => e["path"]!.GetValue<string>(), StringComparer.Ordinal);
}
