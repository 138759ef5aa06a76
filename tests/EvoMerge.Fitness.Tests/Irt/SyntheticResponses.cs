using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

/// <summary>Responses drawn from a known 2PL model: a ~ U(0.5, 2), b ~ N(0, 1), theta ~ N(0, 1).</summary>
sealed class SyntheticResponses
{
    public SyntheticResponses(int models, int items, ulong seed)
    {
        var rng = new Rng(seed);
        Items = [.. Enumerable.Range(0, items).Select(_ => new ItemParameters(rng.NextDouble(0.5, 2.0), rng.NextGaussian()))];
        Abilities = [.. Enumerable.Range(0, models).Select(_ => rng.NextGaussian())];
        Responses = [.. Abilities.Select(theta => Items.Select(item => rng.NextDouble() < item.Probability(theta) ? 1.0 : 0.0).ToArray())];
    }

    public ItemParameters[] Items { get; }
    public double[] Abilities { get; }
    public double[][] Responses { get; }

    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
