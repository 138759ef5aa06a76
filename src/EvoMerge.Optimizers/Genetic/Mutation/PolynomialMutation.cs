using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Mutation;

/// <summary>
/// Deb's bounded polynomial mutation (the variant of the NSGA-II reference code): the step is drawn
/// from a polynomial density with index η_m (<see cref="Eta"/>; larger keeps the gene closer) whose
/// shape depends on the distance to each bound, so the result stays inside the box without
/// piling up on it.
/// </summary>
public sealed class PolynomialMutation : MutationBase
{
    public const string Name = "polynomial";

    public double Eta { get; }

    public PolynomialMutation(double eta, double geneProbability) : base(geneProbability)
    {
        if (!(eta >= 0) || double.IsInfinity(eta))
            throw new ArgumentOutOfRangeException(nameof(eta), eta, "Polynomial mutation eta must be a finite number ≥ 0.");
        Eta = eta;
    }

    protected override double PerformMutate(double gene, double lower, double upper, Rng rng)
    {
        double range = upper - lower;
        double u = rng.NextDouble();
        double power = 1.0 / (Eta + 1.0);
        double shift;
        if (u < 0.5)
        {
            double toLower = 1.0 - (gene - lower) / range;
            double value = 2.0 * u + (1.0 - 2.0 * u) * Math.Pow(toLower, Eta + 1.0);
            shift = Math.Pow(value, power) - 1.0;
        }
        else
        {
            double toUpper = 1.0 - (upper - gene) / range;
            double value = 2.0 * (1.0 - u) + 2.0 * (u - 0.5) * Math.Pow(toUpper, Eta + 1.0);
            shift = 1.0 - Math.Pow(value, power);
        }
        return gene + shift * range;
    }

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("eta", Eta), ("geneProbability", GeneProbability));
}
