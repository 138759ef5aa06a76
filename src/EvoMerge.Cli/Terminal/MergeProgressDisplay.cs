using EvoMerge.Merging.Execution;
using Spectre.Console;

namespace EvoMerge.Cli.Terminal;

/// <summary>
/// A progress bar (tensors, bytes, ETA) when attached to a terminal; plain log lines every few
/// seconds otherwise, so logs of overnight runs stay readable.
/// </summary>
public static class MergeProgressDisplay
{
    public static T Run<T>(string title, Func<IProgress<MergeProgress>, T> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
            return work(new PlainLines(title));

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, autoStart: true, maxValue: 1);
                result = work(new Progress(p =>
                {
                    task.MaxValue = Math.Max(1, p.BytesTotal);
                    task.Value = p.BytesDone;
                    task.Description = $"{title} {p.TensorsDone}/{p.TensorsTotal} tensors";
                }));
            });
        return result;
    }

    // Synchronous IProgress: Progress<T> would post to the thread pool and race the final update.
    sealed class Progress(Action<MergeProgress> report) : IProgress<MergeProgress>
    {
        public void Report(MergeProgress value) => report(value);
    }

    sealed class PlainLines(string title) : IProgress<MergeProgress>
    {
        readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        double _lastSeconds = double.NegativeInfinity;

        public void Report(MergeProgress p)
        {
            bool done = p.TensorsDone == p.TensorsTotal;
            if (!done && _clock.Elapsed.TotalSeconds - _lastSeconds < 5) return;
            _lastSeconds = _clock.Elapsed.TotalSeconds;
            double fraction = p.BytesTotal == 0 ? 1 : (double)p.BytesDone / p.BytesTotal;
            string eta = fraction > 0 && !done ? $", ETA {TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (1 - fraction) / fraction):hh\\:mm\\:ss}" : "";
            Console.WriteLine($"{title}: {p.TensorsDone}/{p.TensorsTotal} tensors, {p.BytesDone / 1e6:F1}/{p.BytesTotal / 1e6:F1} MB ({fraction:P0}){eta}");
        }
    }
}
