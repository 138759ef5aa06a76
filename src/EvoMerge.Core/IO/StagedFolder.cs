using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EvoMerge.Core.IO;

/// <summary>
/// Builds a folder beside its target and moves it into place only when complete, so a reader never sees a
/// half-written folder. The aside folder is hidden and named <c>.NAME.tmp-PID-GUID</c>: the owner's process id
/// lets <see cref="RemoveStale"/> clean up after a killed writer while leaving a live one alone.
/// <code>
/// using var staged = StagedFolder.Begin(target);
/// Write(staged.Path);
/// staged.Commit(fsync: true);   // not reached on error: Dispose removes the aside folder
/// </code>
/// </summary>
public sealed class StagedFolder : IDisposable
{
    private bool _committed;

    private StagedFolder(string target, string path)
    {
        Target = target;
        Path = path;
    }

    /// <summary>The folder that <see cref="Commit"/> fills (created, or replaced if it exists).</summary>
    public string Target { get; }

    /// <summary>The aside folder to write into; gone after <see cref="Commit"/> or <see cref="Dispose"/>.</summary>
    public string Path { get; }

    /// <summary>Creates an empty aside folder next to <paramref name="target"/> (whose parent must exist).</summary>
    public static StagedFolder Begin(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        string full = System.IO.Path.GetFullPath(target).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        string parent = System.IO.Path.GetDirectoryName(full)
            ?? throw new ArgumentException($"'{target}' names no folder inside another one.", nameof(target));
        string name = System.IO.Path.GetFileName(full);
        string pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string path = System.IO.Path.Combine(parent, $".{name}.tmp-{pid}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new StagedFolder(full, path);
    }

    /// <summary>
    /// Moves the aside folder to <see cref="Target"/>. An existing target is exchanged with it in one rename
    /// where the system allows, otherwise moved away first; either way its old content is then deleted.
    /// With <paramref name="fsync"/>, every file and folder is flushed to disk before the rename and the
    /// parent folder after it, so the new folder survives a power loss complete or not at all.
    /// </summary>
    public void Commit(bool fsync)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        string parent = System.IO.Path.GetDirectoryName(Target)!;
        if (fsync)
        {
            FlushTree(Path);
        }

        if (!Directory.Exists(Target))
        {
            Directory.Move(Path, Target);
        }
        else if (FolderExchange.TryExchange(Path, Target))
        {
            // The aside path now holds the old content.
            _committed = true;
            SyncIf(fsync, parent);
            Directory.Delete(Path, recursive: true);
            return;
        }
        else
        {
            string old = Path + ".old";
            Directory.Move(Target, old);
            try
            {
                Directory.Move(Path, Target);
            }
            catch
            {
                // Put the old content back, so a failed commit leaves the target as it was.
                Directory.Move(old, Target);
                throw;
            }

            _committed = true;
            SyncIf(fsync, parent);
            Directory.Delete(old, recursive: true);
            return;
        }

        _committed = true;
        SyncIf(fsync, parent);
    }

    /// <summary>Removes the aside folder unless it was committed; the target is untouched.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        _committed = true;
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    /// <summary>
    /// Removes the aside folders of <paramref name="target"/> whose owner process is gone (and those of this
    /// process, which are never in use when this is called before <see cref="Begin"/>); returns their paths.
    /// A folder that cannot be removed is left for a later run rather than failing this one.
    /// </summary>
    public static List<string> RemoveStale(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        string full = System.IO.Path.GetFullPath(target).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        var removed = new List<string>();
        string? parent = System.IO.Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent))
        {
            return removed;
        }

        var pattern = new Regex($"^\\.{Regex.Escape(System.IO.Path.GetFileName(full))}\\.tmp-(?<pid>\\d+)-[0-9a-f]{{32}}(\\.old)?$");
        foreach (var folder in new DirectoryInfo(parent).EnumerateDirectories())
        {
            var match = pattern.Match(folder.Name);
            if (!match.Success || folder.LinkTarget != null)
            {
                continue;
            }

            if (!int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            if (pid != Environment.ProcessId && IsAlive(pid))
            {
                continue;
            }

            try
            {
                folder.Delete(recursive: true);
                removed.Add(folder.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for a later run; a leftover must not stop this one.
            }
        }

        return removed;
    }

    private static void SyncIf(bool fsync, string folder)
    {
        if (fsync)
        {
            DirectorySync.Flush(folder);
        }
    }

    /// <summary>Files first, then their folder, so a folder entry never reaches the disk before its content.</summary>
    private static void FlushTree(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            if (new FileInfo(file).LinkTarget is not null)
            {
                continue;
            }

            // Opened for writing because .NET only fsyncs a stream it may write to; nothing is written.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.Flush(flushToDisk: true);
        }

        foreach (string sub in Directory.EnumerateDirectories(folder))
        {
            if (new DirectoryInfo(sub).LinkTarget is null)
            {
                FlushTree(sub);
            }
        }

        DirectorySync.Flush(folder);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
