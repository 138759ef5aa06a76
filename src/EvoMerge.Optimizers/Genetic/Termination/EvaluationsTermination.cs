using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>Stops once at least <see cref="MaxEvaluations"/> outcomes (completed or failed) were told.</summary>
public sealed class EvaluationsTermination : TerminationBase
{
    public const string Name = "evaluations";

    public long MaxEvaluations { get; }

    public EvaluationsTermination(long maxEvaluations) =>
        MaxEvaluations = maxEvaluations >= 1 ? maxEvaluations
            : throw new ArgumentOutOfRangeException(nameof(maxEvaluations), maxEvaluations, "The evaluation budget must be at least 1.");

    protected override IReadOnlySet<StopReason> PerformCheck(TerminationProgress progress) =>
        When(progress.Evaluations >= MaxEvaluations, StopReason.EvaluationBudget);

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("max", MaxEvaluations));
}
