using System.Diagnostics;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>The default clock for <see cref="TimeTermination"/>: time elapsed since this call.</summary>
public static class ElapsedClock
{
    public static Func<TimeSpan> StartNew()
    {
        var watch = Stopwatch.StartNew();
        return () => watch.Elapsed;
    }
}
