using EvoMerge.Search.Trials;

namespace EvoMerge.Farm.Coordination;

/// <summary>
/// The farm at one moment, for the live display, generations.csv and the benchmark: workers joined, slots
/// they offer, slots holding a job, jobs finished, and running totals since the farm started of the slots' time
/// (<see cref="SlotUsage"/>: slot time offered and the part spent scoring a candidate, as workers reported;
/// merging does not count) and of the dispatch overhead (lease time the worker did not hold the job).
/// </summary>
public sealed record FarmStatus(int Workers, int Slots, int BusySlots, long Completed,
    SlotUsage Usage, double DispatchSeconds, long Dispatched)
{
    /// <summary>Share of slot time without a candidate being scored on it (0 when no slot time has passed).</summary>
    public double IdleShare => Usage.SlotSeconds <= 0 ? 0 : Math.Clamp(1 - Usage.BusySeconds / Usage.SlotSeconds, 0, 1);

    /// <summary>Mean dispatch overhead per job, in milliseconds.</summary>
    public double DispatchMilliseconds => Dispatched == 0 ? 0 : 1000 * DispatchSeconds / Dispatched;

    /// <summary>The totals accrued between <paramref name="earlier"/> and this moment (the counts are this moment's).</summary>
    public FarmStatus Since(FarmStatus earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return this with
        {
            Completed = Completed - earlier.Completed,
            Usage = Usage.Since(earlier.Usage),
            DispatchSeconds = DispatchSeconds - earlier.DispatchSeconds,
            Dispatched = Dispatched - earlier.Dispatched,
        };
    }

    /// <summary>One line for the live display: "farm: 4 workers, 3/4 slots busy, 12% idle".</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"farm: {Workers} worker{(Workers == 1 ? "" : "s")}, {BusySlots}/{Slots} slots busy, {IdleShare:0%} idle");
}
