using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>Stops once the best (minimized) value is at or below <see cref="Target"/>.</summary>
public sealed class FitnessThresholdTermination : TerminationBase
{
    public const string Name = "fitness_threshold";

    public double Target { get; }

    public FitnessThresholdTermination(double target) =>
        Target = double.IsFinite(target) ? target : throw new ArgumentOutOfRangeException(nameof(target), target, "The target must be finite.");

    protected override IReadOnlySet<StopReason> PerformCheck(TerminationProgress progress) =>
        When(progress.BestFitness is double best && best <= Target, StopReason.TargetReached);

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("target", Target));
}
