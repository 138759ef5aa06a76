using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>Stops when the best value has not improved for <see cref="Generations"/> completed generations in a row.</summary>
public sealed class StagnationTermination : TerminationBase
{
    public const string Name = "stagnation";

    public int Generations { get; }

    public StagnationTermination(int generations) => Generations = CheckPositive(generations, nameof(generations));

    protected override IReadOnlySet<StopReason> PerformCheck(TerminationProgress progress) =>
        When(progress.StagnantGenerations >= Generations, StopReason.Stagnation);

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("generations", Generations));
}
