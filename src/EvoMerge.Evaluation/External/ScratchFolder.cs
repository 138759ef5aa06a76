using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace EvoMerge.Evaluation.External;

/// <summary>
/// A fresh folder for one evaluation, readable by its owner only (the merged weights are the user's), deleted
/// with everything in it on dispose. It records its owner process, so that the folders of a process killed
/// mid-evaluation are removed by the next evaluator that starts (<see cref="DeleteStale"/>).
/// </summary>
internal sealed class ScratchFolder : IDisposable
{
    public const string Prefix = "evomerge-eval-";

    /// <summary>Inside each folder: "pid start-time-ticks host" of the process that made it.</summary>
    public const string OwnerFileName = ".owner";

    /// <summary>Start times are derived from the boot time, which each process estimates slightly differently.</summary>
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(2);

    private readonly Action<string>? _log;

    private ScratchFolder(string path, Action<string>? log)
    {
        Path = path;
        _log = log;
    }

    public string Path { get; }

    public static ScratchFolder Create(string root, Action<string>? log)
    {
        var path = System.IO.Path.Combine(root, Prefix + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(System.IO.Path.Combine(path, OwnerFileName), OwnerRecord(Environment.ProcessId));
        return new ScratchFolder(path, log);
    }

    /// <summary>Deletes the scratch folders under <paramref name="root"/> whose owner process is gone.</summary>
    public static void DeleteStale(string root, Action<string>? log)
    {
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            if (IsStale(folder))
            {
                new ScratchFolder(folder, log).Dispose();
                log?.Invoke($"deleted the scratch folder {folder} left by an evaluation whose process is gone.");
            }
        }
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (TryDelete())
        {
            return;
        }

        // A command may leave folders without write permission; restore it and try once more.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var folder in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories).Prepend(Path))
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        if (!TryDelete())
        {
            _log?.Invoke($"could not delete the scratch folder {Path}; delete it by hand.");
        }
    }

    /// <summary>
    /// Stale when its owner record names a process of this machine that no longer runs, or whose pid now belongs to a
    /// process started at another time. Folders without a readable record (another user's, one being made) or made
    /// on another machine are left alone.
    /// </summary>
    private static bool IsStale(string folder)
    {
        string[] fields;
        try
        {
            fields = File.ReadAllText(System.IO.Path.Combine(folder, OwnerFileName)).Split(' ', 3);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // A scratch root shared between machines: another host's pids mean nothing here.
        if (fields.Length != 3 || fields[2] != Environment.MachineName
            || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var recordedStart))
        {
            return false;
        }

        return StartTicks(pid) is not { } start || Math.Abs(start - recordedStart) > StartTimeTolerance.Ticks;
    }

    private static string OwnerRecord(int pid) =>
        string.Create(CultureInfo.InvariantCulture, $"{pid} {StartTicks(pid) ?? 0} {Environment.MachineName}");

    /// <summary>When process <paramref name="pid"/> started (UTC ticks), or null when no such process runs.</summary>
    private static long? StartTicks(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    private bool TryDelete()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
