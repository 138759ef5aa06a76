using System.Diagnostics;
using System.Globalization;
using EvoMerge.Search.Running;
using Spectre.Console;

namespace EvoMerge.Cli.Terminal;

/// <summary>
/// Live progress of a search: one status line redrawn on a terminal (trials done, failures, best so far
/// per objective, rate, ETA); a plain line every ten seconds and at each replayed batch otherwise, so
/// logs of overnight runs stay short and readable.
/// </summary>
public static class SearchProgressDisplay
{
    /// <summary>
    /// The rate of the first seconds is dominated by start-up (JIT, loading models, the first merges): extrapolated
    /// over the budget it promised 1:43 for a 3-second search. No ETA is shown before this much time has passed.
    /// </summary>
    public static readonly TimeSpan EtaWarmUp = TimeSpan.FromSeconds(10);

    /// <param name="farm">The evaluation farm's state as one line (workers, busy slots, idle share), appended to each update; null without a farm.</param>
    public static T Run<T>(Func<IProgress<SearchProgress>, T> work, Func<string>? farm = null)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
            return work(new PlainLines(farm));
        T result = default!;
        AnsiConsole.Status().Spinner(Spinner.Known.Dots).Start("starting", ctx =>
        {
            var session = Stopwatch.StartNew();
            result = work(new Sync(p => ctx.Status(Markup.Escape(WithFarm(Describe(p, session.Elapsed), farm)))));
        });
        return result;
    }

    static string WithFarm(string line, Func<string>? farm) => farm is null ? line : $"{line}; {farm()}";

    /// <param name="p">The run's progress.</param>
    /// <param name="session">How long this process has been running the search (the ETA waits for <see cref="EtaWarmUp"/>).</param>
    public static string Describe(SearchProgress p, TimeSpan session)
    {
        string budget = p.BudgetEvaluations is long b ? $"/{b}" : "";
        string best = string.Join(", ", p.Best.Select(o => $"{o.Objective} {(o.Best is double v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-")}"));
        string eta = p.Eta is TimeSpan e && !p.Replaying && session >= EtaWarmUp ? $", ETA {Format(e)}" : "";
        string replay = p.Replaying ? " (replaying journal)" : "";
        return $"gen {p.Generation}: {p.TrialsDone}{budget} trials, {p.Failed} failed, best {best}, " +
               $"{p.TrialsPerSecond.ToString("0.##", CultureInfo.InvariantCulture)} trials/s, {Format(p.Elapsed)} elapsed{eta}{replay}";
    }

    static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    // Synchronous IProgress: Progress<T> would post to the thread pool and race the final update.
    sealed class Sync(Action<SearchProgress> report) : IProgress<SearchProgress>
    {
        public void Report(SearchProgress value) => report(value);
    }

    sealed class PlainLines(Func<string>? farm) : IProgress<SearchProgress>
    {
        readonly Stopwatch _clock = Stopwatch.StartNew();
        double _last = double.NegativeInfinity;

        public void Report(SearchProgress p)
        {
            if (_clock.Elapsed.TotalSeconds - _last < 10) return;
            _last = _clock.Elapsed.TotalSeconds;
            Console.WriteLine(WithFarm(Describe(p, _clock.Elapsed), farm));
        }
    }
}
