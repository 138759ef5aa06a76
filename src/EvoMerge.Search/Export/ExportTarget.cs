using System.Text.Json.Nodes;
using EvoMerge.Core.IO;

namespace EvoMerge.Search.Export;

/// <summary>
/// Where an export goes: it is built in a staging folder beside <c>OUT_DIR</c> and renamed into place when
/// complete, so a failed export leaves nothing half-written. <c>OUT_DIR</c> must not exist or be empty;
/// with overwrite it may also hold a previous export (recognized by its <see cref="MarkerFileName"/>), never
/// anything else, so a mistyped path cannot wipe an unrelated folder.
/// </summary>
public static class ExportTarget
{
    public const string MarkerFileName = "evomerge_export.json";

    /// <summary>Refuses a target that may not be written, before any work is done.</summary>
    public static void Check(string target, bool overwrite)
    {
        if (File.Exists(target))
            throw new IOException($"{target} is a file; give a folder to export into.");
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any()) return;
        if (!overwrite)
            throw new IOException($"{target} is not empty; choose another folder, or pass --overwrite to replace a previous export there.");
        if (!File.Exists(Path.Combine(target, MarkerFileName)))
            throw new IOException($"{target} is not empty and holds no previous export ({MarkerFileName} is missing); --overwrite replaces only an export, so choose another folder or empty this one yourself.");
    }

    /// <summary>A fresh staging folder beside <paramref name="target"/> (same file system, so the final rename is atomic).</summary>
    public static string Staging(string target)
    {
        string parent = Path.GetDirectoryName(target) ?? throw new IOException($"{target}: cannot export into a file system root.");
        Directory.CreateDirectory(parent);
        return Path.Combine(parent, $".{Path.GetFileName(target)}.export-{Guid.NewGuid():N}");
    }

    /// <summary>Writes the marker into <paramref name="staging"/> and puts it in place of <paramref name="target"/>.</summary>
    public static void Publish(string staging, string target, string runFolder, long trialId, bool overwrite)
    {
        var marker = new JsonObject { ["run"] = runFolder, ["trial"] = trialId };
        AtomicFile.WriteAllText(Path.Combine(staging, MarkerFileName), marker.ToJsonString() + "\n", fsync: false);
        Check(target, overwrite);
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        // An empty folder or a previous export: swap, then remove the old content.
        string old = staging + ".old";
        Directory.Move(target, old);
        Directory.Move(staging, target);
        Directory.Delete(old, recursive: true);
    }
}
