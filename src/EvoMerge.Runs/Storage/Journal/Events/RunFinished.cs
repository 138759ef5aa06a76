using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>The run stopped on purpose, with the reasons (e.g. optimizer stop reasons, budgets).</summary>
public sealed record RunFinished : JournalEvent
{
    public const string TypeName = "run_finished";

    public RunFinished(IReadOnlyList<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (reasons.Count == 0 || reasons.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A finished run names at least one reason, none of them empty.", nameof(reasons));
        }

        Reasons = reasons.ToArray().AsReadOnly();
    }

    public override string Type => TypeName;

    public IReadOnlyList<string> Reasons { get; }

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("reasons");
        foreach (string reason in Reasons)
        {
            writer.WriteStringValue(reason);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static RunFinished Read(JsonElement data)
    {
        var reasons = new List<string>();
        foreach (var item in JsonFields.Array(data, "reasons").EnumerateArray())
        {
            reasons.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new JournalFormatException("Every reason must be a string."));
        }

        return JsonFields.Construct(() => new RunFinished(reasons));
    }
}
