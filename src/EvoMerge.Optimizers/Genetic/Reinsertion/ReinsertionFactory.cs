namespace EvoMerge.Optimizers.Genetic.Reinsertion;

/// <summary>Builds a reinsertion from its description; the list of names is explicit.</summary>
public static class ReinsertionFactory
{
    public static IReadOnlyList<string> KnownNames { get; } = new[] { ElitistReinsertion.Name, GenerationalReinsertion.Name };

    public static IReinsertion Create(OperatorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        switch (spec.Name)
        {
            case ElitistReinsertion.Name: spec.ExpectParameters("elites"); return new ElitistReinsertion(spec.GetInt("elites"));
            case GenerationalReinsertion.Name: spec.ExpectParameters(); return new GenerationalReinsertion();
            default:
                throw new ArgumentException($"Unknown reinsertion '{spec.Name}'; known: {string.Join(", ", KnownNames)}.");
        }
    }
}
