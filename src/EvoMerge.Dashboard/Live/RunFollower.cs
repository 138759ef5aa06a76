namespace EvoMerge.Dashboard.Live;

/// <summary>
/// Keeps one <see cref="LiveRun"/> current: refreshes it when the journal's folder reports a change,
/// and at least every poll interval (file-change notices are not delivered on every file system; a
/// refresh that finds the same length reads nothing).
/// </summary>
internal sealed class RunFollower : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly FileSystemWatcher? _watcher;
    private readonly SemaphoreSlim _nudge = new(0);
    private readonly Task _loop;

    private RunFollower(LiveRun run, TimeSpan interval)
    {
        try
        {
            _watcher = new FileSystemWatcher(run.Folder, Path.GetFileName(run.JournalPath))
            {
                NotifyFilter = NotifyFilters.Size | NotifyFilters.LastWrite | NotifyFilters.FileName,
            };
            _watcher.Changed += (_, _) => Nudge();
            _watcher.Created += (_, _) => Nudge();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            _watcher = null; // e.g. the inotify limit is reached: the poll still keeps the run current
        }

        _loop = Loop(run, interval, _stop.Token);
    }

    public static RunFollower Start(LiveRun run, TimeSpan interval) => new(run, interval);

    private void Nudge()
    {
        if (_nudge.CurrentCount == 0) _nudge.Release();
    }

    private async Task Loop(LiveRun run, TimeSpan interval, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _nudge.WaitAsync(interval, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await Task.Run(run.Refresh, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _watcher?.Dispose();
        _stop.Dispose();
        _nudge.Dispose();
    }
}
