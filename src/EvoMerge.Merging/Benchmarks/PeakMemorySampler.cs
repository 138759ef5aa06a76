using System.Globalization;

namespace EvoMerge.Merging.Benchmarks;

/// <summary>
/// Samples the process's anonymous resident memory (Linux RssAnon) on a background thread and
/// keeps the peak. Falls back to the managed working set where /proc is unavailable.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    readonly Thread _thread;
    volatile bool _stop;
    long _peak;

    public PeakMemorySampler()
    {
        _peak = Current();
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                long now = Current();
                if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                Thread.Sleep(2);
            }
        })
        { IsBackground = true, Name = "peak-memory-sampler" };
        _thread.Start();
    }

    /// <summary>Stops sampling and returns the peak in bytes.</summary>
    public long Stop()
    {
        _stop = true;
        _thread.Join();
        return Math.Max(Interlocked.Read(ref _peak), Current());
    }

    public void Dispose() { if (!_stop) Stop(); }

    static long Current()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return Environment.WorkingSet;
    }
}
