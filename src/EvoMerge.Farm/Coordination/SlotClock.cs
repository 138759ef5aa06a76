namespace EvoMerge.Farm.Coordination;

/// <summary>
/// Integrates slot time and busy slot time as slots and leases change, so the idle share (slot time with no
/// job on it) is exact between events rather than sampled.
/// </summary>
sealed class SlotClock(DateTimeOffset start)
{
    DateTimeOffset last = start;
    double slotSeconds;
    double busySeconds;

    /// <summary>Accounts the time since the last event at the slot and lease counts that held during it.</summary>
    public void Advance(DateTimeOffset now, int slots, int busy)
    {
        var seconds = Math.Max(0, (now - last).TotalSeconds);
        slotSeconds += seconds * slots;
        busySeconds += seconds * Math.Min(busy, slots);
        last = now;
    }

    public double SlotSeconds => slotSeconds;

    public double BusySeconds => busySeconds;
}
