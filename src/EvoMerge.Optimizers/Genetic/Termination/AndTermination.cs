using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>Stops only when every part would stop; the reasons are then all of theirs.</summary>
public sealed class AndTermination : TerminationBase
{
    public const string Name = "and";

    public IReadOnlyList<ITermination> Parts { get; }

    public AndTermination(params ITermination[] parts) => Parts = CompositeParts.Checked(parts);

    protected override IReadOnlySet<StopReason> PerformCheck(TerminationProgress progress)
    {
        var reasons = new HashSet<StopReason>();
        foreach (var part in Parts)
        {
            var r = part.Check(progress);
            if (r.Count == 0) return None;
            reasons.UnionWith(r);
        }
        return reasons;
    }

    public override OperatorSpec Describe() => new(Name, children: Parts.Select(p => p.Describe()).ToArray());
}
