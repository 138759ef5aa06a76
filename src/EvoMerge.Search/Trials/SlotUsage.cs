namespace EvoMerge.Search.Trials;

/// <summary>
/// Running totals of the evaluation slots' time: slot time offered (slots times seconds, as they came and went)
/// and the part spent scoring candidates (merging and waiting for work count as idle).
/// </summary>
public sealed record SlotUsage(double SlotSeconds, double BusySeconds)
{
    /// <summary>The time accrued between <paramref name="earlier"/> and this reading (never negative).</summary>
    public SlotUsage Since(SlotUsage earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        double slot = Math.Max(0, SlotSeconds - earlier.SlotSeconds);
        return new SlotUsage(slot, Math.Clamp(BusySeconds - earlier.BusySeconds, 0, slot));
    }
}
