using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>
/// An optimizer snapshot was saved (durably, before this line) under <c>snapshots/</c>: the
/// generation it follows, its file name and the SHA-256 of its bytes.
/// </summary>
public sealed record SnapshotWritten : JournalEvent
{
    public const string TypeName = "snapshot_written";

    public SnapshotWritten(int generation, string fileName, string sha256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(sha256);
        if (fileName != Path.GetFileName(fileName) || fileName is "." or ".." || fileName.Contains('\\'))
        {
            throw new ArgumentException($"Snapshot file name '{fileName}' must be a plain name inside the snapshots folder.", nameof(fileName));
        }

        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"Snapshot hash '{sha256}' must be 64 lowercase hex digits.", nameof(sha256));
        }

        Generation = generation;
        FileName = fileName;
        Sha256 = sha256;
    }

    public override string Type => TypeName;

    public int Generation { get; }

    public string FileName { get; }

    public string Sha256 { get; }

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("generation", Generation);
        writer.WriteString("file", FileName);
        writer.WriteString("sha256", Sha256);
        writer.WriteEndObject();
    }

    public static SnapshotWritten Read(JsonElement data) => JsonFields.Construct(() => new SnapshotWritten(
        JsonFields.Int32(data, "generation"),
        JsonFields.String(data, "file"),
        JsonFields.String(data, "sha256")));
}
