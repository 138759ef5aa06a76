namespace EvoMerge.Optimizers.Genetic.Mutation;

/// <summary>Builds a mutation from its description; the list of names is explicit.</summary>
public static class MutationFactory
{
    public static IReadOnlyList<string> KnownNames { get; } = new[] { GaussianMutation.Name, PolynomialMutation.Name, UniformMutation.Name };

    public static IMutation Create(OperatorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        switch (spec.Name)
        {
            case GaussianMutation.Name:
                spec.ExpectParameters("sigma", "geneProbability");
                return new GaussianMutation(spec.Get("sigma"), spec.Get("geneProbability"));
            case PolynomialMutation.Name:
                spec.ExpectParameters("eta", "geneProbability");
                return new PolynomialMutation(spec.Get("eta"), spec.Get("geneProbability"));
            case UniformMutation.Name:
                spec.ExpectParameters("geneProbability");
                return new UniformMutation(spec.Get("geneProbability"));
            default:
                throw new ArgumentException($"Unknown mutation '{spec.Name}'; known: {string.Join(", ", KnownNames)}.");
        }
    }
}
