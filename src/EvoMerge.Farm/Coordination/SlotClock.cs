namespace EvoMerge.Farm.Coordination;

/// <summary>
/// Integrates slot time as workers join and leave, so the idle share's denominator (the time slots were there
/// to work) is exact between events rather than sampled.
/// </summary>
sealed class SlotClock(DateTimeOffset start)
{
    DateTimeOffset last = start;
    double slotSeconds;

    /// <summary>Accounts the time since the last event at the slot count that held during it.</summary>
    public void Advance(DateTimeOffset now, int slots)
    {
        var seconds = Math.Max(0, (now - last).TotalSeconds);
        slotSeconds += seconds * slots;
        last = now;
    }

    public double SlotSeconds => slotSeconds;
}
