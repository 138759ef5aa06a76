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
    public static T Run<T>(Func<IProgress<SearchProgress>, T> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
            return work(new PlainLines());
        T result = default!;
        AnsiConsole.Status().Spinner(Spinner.Known.Dots).Start("starting", ctx =>
        {
            result = work(new Sync(p => ctx.Status(Markup.Escape(Describe(p)))));
        });
        return result;
    }

    public static string Describe(SearchProgress p)
    {
        string budget = p.BudgetEvaluations is long b ? $"/{b}" : "";
        string best = string.Join(", ", p.Best.Select(o => $"{o.Objective} {(o.Best is double v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-")}"));
        string eta = p.Eta is TimeSpan e ? $", ETA {Format(e)}" : "";
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

    sealed class PlainLines : IProgress<SearchProgress>
    {
        readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        double _last = double.NegativeInfinity;

        public void Report(SearchProgress p)
        {
            if (_clock.Elapsed.TotalSeconds - _last < 10) return;
            _last = _clock.Elapsed.TotalSeconds;
            Console.WriteLine(Describe(p));
        }
    }
}
