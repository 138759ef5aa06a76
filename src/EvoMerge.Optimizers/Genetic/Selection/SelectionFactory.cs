namespace EvoMerge.Optimizers.Genetic.Selection;

/// <summary>Builds a selection from its description; the list of names is explicit.</summary>
public static class SelectionFactory
{
    public static IReadOnlyList<string> KnownNames { get; } =
        new[] { TournamentSelection.Name, RouletteWheelSelection.Name, RankSelection.Name, EliteSelection.Name };

    public static ISelection Create(OperatorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        switch (spec.Name)
        {
            case TournamentSelection.Name: spec.ExpectParameters("size"); return new TournamentSelection(spec.GetInt("size"));
            case RouletteWheelSelection.Name: spec.ExpectParameters(); return new RouletteWheelSelection();
            case RankSelection.Name: spec.ExpectParameters(); return new RankSelection();
            case EliteSelection.Name: spec.ExpectParameters(); return new EliteSelection();
            default:
                throw new ArgumentException($"Unknown selection '{spec.Name}'; known: {string.Join(", ", KnownNames)}.");
        }
    }
}
