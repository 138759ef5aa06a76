using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>
/// Stops once the clock reads at least <see cref="MaxTime"/>. The clock returns elapsed time and is
/// injected, so tests use a fake one and a resumed run can pass a clock that continues where the
/// interrupted one stopped. Wall time is not part of any optimizer state: resume equality does not
/// hold for time budgets.
/// </summary>
public sealed class TimeTermination : TerminationBase
{
    public const string Name = "time";

    readonly Func<TimeSpan> _elapsed;

    public TimeSpan MaxTime { get; }

    public TimeTermination(TimeSpan maxTime, Func<TimeSpan> elapsed)
    {
        if (maxTime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxTime), maxTime, "The time budget must be positive.");
        MaxTime = maxTime;
        _elapsed = elapsed ?? throw new ArgumentNullException(nameof(elapsed));
    }

    protected override IReadOnlySet<StopReason> PerformCheck(TerminationProgress progress) =>
        When(_elapsed() >= MaxTime, StopReason.TimeBudget);

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("seconds", MaxTime.TotalSeconds));
}
