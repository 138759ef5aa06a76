using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>Stops when any part would stop, reporting the reasons of every part that would.</summary>
public sealed class OrTermination : TerminationBase
{
    public const string Name = "or";

    public IReadOnlyList<ITermination> Parts { get; }

    public OrTermination(params ITermination[] parts) => Parts = CompositeParts.Checked(parts);

    protected override IReadOnlySet<StopReason> PerformCheck(TerminationProgress progress)
    {
        var reasons = new HashSet<StopReason>();
        foreach (var part in Parts) reasons.UnionWith(part.Check(progress));
        return reasons;
    }

    public override OperatorSpec Describe() => new(Name, children: Parts.Select(p => p.Describe()).ToArray());
}
