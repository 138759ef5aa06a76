using System.Diagnostics;

namespace EvoMerge.Search.Timing;

/// <summary>Time spent per phase of a trial (ask, materialize, evaluate, tell, journal), for the overhead benchmark. Its own folder because both the spaces (materialize, evaluate) and the run loop (ask, tell, journal) book into it.</summary>
public sealed class PhaseTimings
{
    public static readonly IReadOnlyList<string> Phases = ["ask", "materialize", "evaluate", "tell", "journal"];

    readonly Dictionary<string, long> _ticks = Phases.ToDictionary(p => p, _ => 0L);

    public long Trials { get; private set; }

    public void Add(string phase, long stopwatchTicks) => _ticks[phase] += stopwatchTicks;

    public void CountTrial() => Trials++;

    /// <summary>Runs <paramref name="action"/> and books its time to <paramref name="phase"/>.</summary>
    public T Time<T>(string phase, Func<T> action)
    {
        long start = Stopwatch.GetTimestamp();
        try { return action(); }
        finally { Add(phase, Stopwatch.GetTimestamp() - start); }
    }

    public void Time(string phase, Action action)
    {
        long start = Stopwatch.GetTimestamp();
        try { action(); }
        finally { Add(phase, Stopwatch.GetTimestamp() - start); }
    }

    /// <summary>Total seconds booked to <paramref name="phase"/> so far.</summary>
    public double Seconds(string phase) => (double)_ticks[phase] / Stopwatch.Frequency;

    /// <summary>Milliseconds per trial of each phase.</summary>
    public IReadOnlyList<(string Phase, double MsPerTrial)> PerTrial() =>
        Phases.Select(p => (p, Trials == 0 ? 0 : _ticks[p] * 1000.0 / Stopwatch.Frequency / Trials)).ToList();
}
