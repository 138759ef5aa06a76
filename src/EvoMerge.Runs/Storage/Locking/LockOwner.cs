using System.Globalization;
using System.Text.Json;

namespace EvoMerge.Runs.Storage.Locking;

/// <summary>Who holds a run folder's lock, for the message another process shows.</summary>
public sealed record LockOwner(int ProcessId, string Host, DateTimeOffset SinceUtc)
{
    public static LockOwner Current() => new(Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("pid", ProcessId);
            writer.WriteString("host", Host);
            writer.WriteString("sinceUtc", SinceUtc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Null when the text is not an owner record (missing, half-written, edited).</summary>
    public static LockOwner? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return new LockOwner(
                root.GetProperty("pid").GetInt32(),
                root.GetProperty("host").GetString() ?? "",
                DateTimeOffset.Parse(root.GetProperty("sinceUtc").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public override string ToString() =>
        $"process {ProcessId} on host {Host} since {SinceUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
}
