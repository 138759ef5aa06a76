using System.Diagnostics;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Trials;

/// <summary>
/// The one slot of a run that evaluates in its own process: there the whole time, busy while a candidate is
/// scored (the <c>evaluate</c> phase of the run's <see cref="PhaseTimings"/>, which its evaluator books into).
/// </summary>
public sealed class InProcessSlotGauge(PhaseTimings timings) : ISlotGauge
{
    readonly Stopwatch _clock = Stopwatch.StartNew();

    public SlotUsage Read() => new(_clock.Elapsed.TotalSeconds, timings.Seconds("evaluate"));
}
