using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EvoMerge.Merging.Output;

/// <summary>
/// The hidden folders a merge writes into before its output is moved into place: ".OUT.tmp-PID-GUID" next
/// to OUT. The owner's process id is in the name, so leftovers of a killed merge can be recognized and
/// removed by the next merge into the same folder, while one still being written by a live process is kept.
/// </summary>
public static class StagingFolders
{
    public static string Create(string target)
    {
        string path = Path.Combine(Path.GetDirectoryName(target)!,
            $".{Path.GetFileName(target)}.tmp-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Removes the staging folders of <paramref name="target"/> whose owner process is gone; returns what was removed.</summary>
    public static List<string> RemoveStale(string target)
    {
        var removed = new List<string>();
        string parent = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(parent)) return removed;
        var pattern = new Regex($"^\\.{Regex.Escape(Path.GetFileName(target))}\\.tmp-(?<pid>\\d+)-[0-9a-f]{{32}}(\\.old)?$");
        foreach (var folder in new DirectoryInfo(parent).EnumerateDirectories())
        {
            var match = pattern.Match(folder.Name);
            if (!match.Success || folder.LinkTarget != null) continue;
            if (!int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (pid != Environment.ProcessId && IsAlive(pid)) continue;
            try
            {
                folder.Delete(recursive: true);
                removed.Add(folder.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for a later run; a leftover must not stop this merge.
            }
        }
        return removed;
    }

    static bool IsAlive(int pid)
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
