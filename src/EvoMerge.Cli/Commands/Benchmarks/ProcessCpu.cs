using System.Diagnostics;
using System.Globalization;

namespace EvoMerge.Cli.Commands.Benchmarks;

/// <summary>
/// The processor time a process has used, its own and, on Linux, that of its children it has waited for (a
/// worker's command evaluators: their start-up is CPU the farm costs too). The farm benchmark reads it for the
/// coordinator and each worker, so farm.csv shows how many of the machine's cores a row used: two workers cannot
/// reach twice one worker's rate when one worker already keeps more than one core busy.
/// </summary>
public static class ProcessCpu
{
    /// <summary>Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux architecture .NET runs on.</summary>
    const double TicksPerSecond = 100;

    /// <summary>The processor time of process <paramref name="pid"/>; null when it has ended (or cannot be read).</summary>
    public static TimeSpan? Of(int pid)
    {
        if (OperatingSystem.IsLinux()) return FromProc(pid);
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The processor time of each of <paramref name="pids"/> still running, by process id.</summary>
    public static IReadOnlyDictionary<int, TimeSpan> Read(IEnumerable<int> pids) =>
        pids.Distinct().Select(pid => (pid, Time: Of(pid))).Where(p => p.Time is not null).ToDictionary(p => p.pid, p => p.Time!.Value);

    /// <summary>Processor time used between two readings by the processes in both (a process that restarted is left out).</summary>
    public static TimeSpan Between(IReadOnlyDictionary<int, TimeSpan> before, IReadOnlyDictionary<int, TimeSpan> after) =>
        after.Where(a => before.ContainsKey(a.Key)).Aggregate(TimeSpan.Zero, (sum, a) => sum + (a.Value - before[a.Key]));

    /// <summary>utime, stime, cutime and cstime: fields 14-17 of /proc/PID/stat, counted after the command name's closing parenthesis (a name may hold spaces).</summary>
    static TimeSpan? FromProc(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so field N is fields[N - 3].
        long ticks = 0;
        for (int field = 14; field <= 17; field++) ticks += long.Parse(fields[field - 3], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
