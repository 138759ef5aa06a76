using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Mutation;

/// <summary>
/// Adds normal noise with standard deviation <see cref="Sigma"/> × (upper − lower) — sigma is
/// relative to each gene's range, so one setting suits genes of different widths — then clamps.
/// </summary>
public sealed class GaussianMutation : MutationBase
{
    public const string Name = "gaussian";

    public double Sigma { get; }

    public GaussianMutation(double sigma, double geneProbability) : base(geneProbability)
    {
        if (!(sigma > 0) || double.IsInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "Gaussian sigma must be a finite number > 0.");
        Sigma = sigma;
    }

    protected override double PerformMutate(double gene, double lower, double upper, Rng rng) =>
        gene + Sigma * (upper - lower) * rng.NextGaussian();

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("sigma", Sigma), ("geneProbability", GeneProbability));
}
