using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>
/// A trial event's task metrics (completed, slice scored, rescored): kept sorted by column name so a journal
/// line is the same however the metrics were gathered, written as one JSON object, read back refusing a name
/// given twice.
/// </summary>
internal static class TrialMetrics
{
    public static IReadOnlyDictionary<string, double> Sorted(IReadOnlyDictionary<string, double> metrics) =>
        new SortedDictionary<string, double>(metrics.ToDictionary(), StringComparer.Ordinal).AsReadOnly();

    public static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, double> metrics)
    {
        writer.WriteStartObject("metrics");
        foreach (var (name, value) in metrics)
        {
            writer.WritePropertyName(name);
            JsonDoubles.Write(writer, value);
        }

        writer.WriteEndObject();
    }

    public static Dictionary<string, double> Read(JsonElement data)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var member in JsonFields.Object(data, "metrics").EnumerateObject())
        {
            if (!metrics.TryAdd(member.Name, JsonDoubles.Read(member.Value, $"metrics.{member.Name}")))
            {
                throw new JournalFormatException($"Metric \"{member.Name}\" appears twice.");
            }
        }

        return metrics;
    }
}
