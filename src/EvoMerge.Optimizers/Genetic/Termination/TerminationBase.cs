using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>Validates the progress and turns a yes/no decision of a leaf criterion into its reason.</summary>
public abstract class TerminationBase : ITermination
{
    protected static readonly IReadOnlySet<StopReason> None = new HashSet<StopReason>();

    public IReadOnlySet<StopReason> Check(TerminationProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return PerformCheck(progress);
    }

    protected abstract IReadOnlySet<StopReason> PerformCheck(TerminationProgress progress);

    public abstract OperatorSpec Describe();

    protected static IReadOnlySet<StopReason> When(bool reached, StopReason reason) =>
        reached ? new HashSet<StopReason> { reason } : None;

    protected static int CheckPositive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "The limit must be at least 1.");
}
