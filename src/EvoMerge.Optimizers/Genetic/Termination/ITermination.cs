using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>Decides whether a run should stop; the answer is the set of reasons (empty: go on).</summary>
public interface ITermination : IDescribedOperator
{
    IReadOnlySet<StopReason> Check(TerminationProgress progress);
}
