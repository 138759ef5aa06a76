using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>Stops once <see cref="MaxGenerations"/> generations are complete.</summary>
public sealed class GenerationsTermination : TerminationBase
{
    public const string Name = "generations";

    public int MaxGenerations { get; }

    public GenerationsTermination(int maxGenerations) => MaxGenerations = CheckPositive(maxGenerations, nameof(maxGenerations));

    protected override IReadOnlySet<StopReason> PerformCheck(TerminationProgress progress) =>
        When(progress.Generations >= MaxGenerations, StopReason.GenerationBudget);

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("max", MaxGenerations));
}
