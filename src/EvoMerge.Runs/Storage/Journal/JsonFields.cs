using System.Globalization;
using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>Reads required members of an event's data object, failing with the member's name.</summary>
public static class JsonFields
{
    public static JsonElement Required(JsonElement data, string name)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new JournalFormatException($"Event data must be an object, found {data.ValueKind}.");
        }

        return data.TryGetProperty(name, out var member)
            ? member
            : throw new JournalFormatException($"Member \"{name}\" is missing.");
    }

    public static JsonElement? Optional(JsonElement data, string name) =>
        data.TryGetProperty(name, out var member) && member.ValueKind != JsonValueKind.Null ? member : null;

    public static long Int64(JsonElement data, string name) =>
        Required(data, name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out long value)
            ? value
            : throw new JournalFormatException($"Member \"{name}\" must be an integer.");

    public static ulong UInt64(JsonElement data, string name) =>
        Required(data, name) is { ValueKind: JsonValueKind.Number } e && e.TryGetUInt64(out ulong value)
            ? value
            : throw new JournalFormatException($"Member \"{name}\" must be a non-negative integer.");

    public static int Int32(JsonElement data, string name) =>
        Required(data, name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out int value)
            ? value
            : throw new JournalFormatException($"Member \"{name}\" must be a 32-bit integer.");

    public static string String(JsonElement data, string name) =>
        Required(data, name) is { ValueKind: JsonValueKind.String } e
            ? e.GetString()!
            : throw new JournalFormatException($"Member \"{name}\" must be a string.");

    public static double Double(JsonElement data, string name) => JsonDoubles.Read(Required(data, name), name);

    public static double[] Doubles(JsonElement data, string name) => JsonDoubles.ReadArray(Required(data, name), name);

    public static JsonElement Array(JsonElement data, string name) =>
        Required(data, name) is { ValueKind: JsonValueKind.Array } e
            ? e
            : throw new JournalFormatException($"Member \"{name}\" must be an array.");

    public static JsonElement Object(JsonElement data, string name) =>
        Required(data, name) is { ValueKind: JsonValueKind.Object } e
            ? e
            : throw new JournalFormatException($"Member \"{name}\" must be an object.");

    public static DateTimeOffset Timestamp(JsonElement data, string name) =>
        DateTimeOffset.TryParse(String(data, name), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : throw new JournalFormatException($"Member \"{name}\" must be an ISO 8601 timestamp.");

    /// <summary>Events turn invalid arguments into format errors when read back, so replay reports them per line.</summary>
    public static T Construct<T>(Func<T> construct)
    {
        try
        {
            return construct();
        }
        catch (ArgumentException ex)
        {
            throw new JournalFormatException(ex.Message);
        }
    }
}
