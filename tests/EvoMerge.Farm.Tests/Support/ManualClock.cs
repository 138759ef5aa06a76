namespace EvoMerge.Farm.Tests.Support;

/// <summary>A clock the test moves by hand, so heartbeat timeouts are tested without waiting.</summary>
sealed class ManualClock : TimeProvider
{
    DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
