using System.Globalization;

namespace EvoMerge.Experiments.Memory;

/// <summary>
/// Samples this process's anonymous resident memory (RssAnon: heap, native allocations, not the memory-mapped
/// checkpoints) and its resident high-water mark (VmHWM) from /proc/self/status every few milliseconds, keeping the
/// peak since the last <see cref="TakePeakAnon"/>. Linux only.
/// </summary>
public sealed class ProcessMemorySampler : IDisposable
{
    readonly Thread _thread;
    readonly CancellationTokenSource _stop = new();
    readonly TimeSpan _interval;
    long _peakAnon;

    public ProcessMemorySampler(TimeSpan interval)
    {
        if (!File.Exists(StatusPath)) throw new PlatformNotSupportedException($"{StatusPath} is missing: the memory benchmark needs Linux.");
        _interval = interval;
        _peakAnon = Read().RssAnon;
        _thread = new Thread(Loop) { IsBackground = true, Name = "memory-sampler" };
        _thread.Start();
    }

    const string StatusPath = "/proc/self/status";

    /// <summary>The largest RssAnon seen since the previous call (or the start), then starts a new window at the current value.</summary>
    public long TakePeakAnon()
    {
        long now = Read().RssAnon;
        long peak = Interlocked.Exchange(ref _peakAnon, now);
        return Math.Max(peak, now);
    }

    /// <summary>Current anonymous resident bytes and the process's resident high-water mark, in bytes.</summary>
    public static (long RssAnon, long VmHwm) Read()
    {
        long anon = 0, hwm = 0;
        foreach (var line in File.ReadLines(StatusPath))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kilobytes(line);
        }
        return (anon, hwm);
    }

    /// <summary>
    /// The bytes of a "/proc/self/status" line such as "VmHWM:\t10123456 kB": from 8 digits on, no space follows the
    /// tab, so the number is split off at any whitespace, not only at spaces.
    /// </summary>
    public static long Kilobytes(string line)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * 1024;
    }

    void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            long anon = Read().RssAnon;
            long seen = Volatile.Read(ref _peakAnon);
            while (anon > seen)
            {
                long previous = Interlocked.CompareExchange(ref _peakAnon, anon, seen);
                if (previous == seen) break;
                seen = previous;
            }
            _stop.Token.WaitHandle.WaitOne(_interval);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
