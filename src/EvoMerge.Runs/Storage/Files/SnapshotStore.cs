using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.IO;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.Files;

/// <summary>
/// Optimizer snapshots (the JSON of <c>IAskTellOptimizer.ExportState</c>) under
/// <c>RUN_DIR/snapshots/gen-000042.json</c>. A snapshot is written atomically and flushed to disk
/// before its <see cref="SnapshotWritten"/> event is journaled, so the journal never names a file
/// that is not complete; a file without an event (crash in between) is simply never used.
/// </summary>
public sealed class SnapshotStore
{
    public const string FolderName = "snapshots";

    public SnapshotStore(string runFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        Folder = Path.Combine(Path.GetFullPath(runFolder), FolderName);
    }

    public string Folder { get; }

    public static string FileNameFor(int generation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        return $"gen-{generation.ToString("D6", CultureInfo.InvariantCulture)}.json";
    }

    /// <summary>Writes the snapshot durably; journal the returned event to make it count.</summary>
    public SnapshotWritten Save(int generation, JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string fileName = FileNameFor(generation);
        byte[] bytes = Serialize(state);
        bool created = !Directory.Exists(Folder);
        Directory.CreateDirectory(Folder);
        if (created)
        {
            DirectorySync.Flush(Path.GetDirectoryName(Folder)!);
        }

        AtomicFile.WriteAllBytes(Path.Combine(Folder, fileName), bytes, fsync: true);
        return new SnapshotWritten(generation, fileName, Sha256Hex(bytes));
    }

    /// <summary>Loads the snapshot an event names, checking its hash.</summary>
    public JsonObject Load(SnapshotWritten reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        string path = Path.Combine(Folder, reference.FileName);
        byte[] bytes = File.ReadAllBytes(path);
        string actual = Sha256Hex(bytes);
        if (actual != reference.Sha256)
        {
            throw new InvalidDataException(
                $"Snapshot '{path}' has SHA-256 {actual}, but the journal recorded {reference.Sha256} for generation {reference.Generation}: the file was changed or damaged.");
        }

        return JsonNode.Parse(bytes) as JsonObject
            ?? throw new InvalidDataException($"Snapshot '{path}' is not a JSON object.");
    }

    /// <summary>
    /// The newest snapshot among <paramref name="references"/> (journal order) whose file exists and
    /// matches its hash; the ones skipped, newest first, with why. Null when none is usable.
    /// </summary>
    public LoadedSnapshot? LoadLatestValid(IEnumerable<SnapshotWritten> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var skipped = new List<string>();
        foreach (var reference in references.Reverse())
        {
            try
            {
                return new LoadedSnapshot(reference, Load(reference), skipped.AsReadOnly());
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
            {
                skipped.Add($"{reference.FileName}: {ex.Message}");
            }
        }

        return skipped.Count == 0
            ? null
            : throw new InvalidDataException($"No snapshot named by the journal is usable: {string.Join("; ", skipped)}");
    }

    private static byte[] Serialize(JsonObject state)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            state.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
