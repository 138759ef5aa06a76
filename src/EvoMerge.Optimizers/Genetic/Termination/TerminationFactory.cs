using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>
/// Builds a termination (recursively for and/or) from its description. The clock is not data; it
/// is passed in and used by every "time" criterion of the tree.
/// </summary>
public static class TerminationFactory
{
    public static IReadOnlyList<string> KnownNames { get; } = new[]
    {
        EvaluationsTermination.Name, GenerationsTermination.Name, TimeTermination.Name, StagnationTermination.Name,
        FitnessThresholdTermination.Name, AndTermination.Name, OrTermination.Name,
    };

    /// <summary>The termination a snapshot describes; null where the snapshot stored none.</summary>
    public static ITermination? Restore(JsonNode? description, Func<TimeSpan> clock) =>
        description is null ? null : Create(OperatorSpec.FromJson(description), clock);

    public static ITermination Create(OperatorSpec spec, Func<TimeSpan> clock)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(clock);
        bool composite = spec.Name is AndTermination.Name or OrTermination.Name;
        if (!composite && spec.Children.Count > 0)
            throw new ArgumentException($"Termination '{spec.Name}' takes no child terminations.");
        switch (spec.Name)
        {
            case EvaluationsTermination.Name: spec.ExpectParameters("max"); return new EvaluationsTermination(WholeNumber(spec, "max"));
            case GenerationsTermination.Name: spec.ExpectParameters("max"); return new GenerationsTermination(spec.GetInt("max"));
            case TimeTermination.Name:
                spec.ExpectParameters("seconds");
                double seconds = spec.Get("seconds");
                if (!(seconds > 0) || double.IsInfinity(seconds))
                    throw new ArgumentException($"Termination 'time': seconds must be a finite number > 0, got {seconds}.");
                return new TimeTermination(TimeSpan.FromSeconds(seconds), clock);
            case StagnationTermination.Name: spec.ExpectParameters("generations"); return new StagnationTermination(spec.GetInt("generations"));
            case FitnessThresholdTermination.Name: spec.ExpectParameters("target"); return new FitnessThresholdTermination(spec.Get("target"));
            case AndTermination.Name: spec.ExpectParameters(); return new AndTermination(spec.Children.Select(c => Create(c, clock)).ToArray());
            case OrTermination.Name: spec.ExpectParameters(); return new OrTermination(spec.Children.Select(c => Create(c, clock)).ToArray());
            default:
                throw new ArgumentException($"Unknown termination '{spec.Name}'; known: {string.Join(", ", KnownNames)}.");
        }
    }

    static long WholeNumber(OperatorSpec spec, string parameter)
    {
        double v = spec.Get(parameter);
        if (v != Math.Floor(v) || v < 1 || v > long.MaxValue)
            throw new ArgumentException($"Termination '{spec.Name}': '{parameter}' must be a whole number ≥ 1, got {v}.");
        return (long)v;
    }
}
