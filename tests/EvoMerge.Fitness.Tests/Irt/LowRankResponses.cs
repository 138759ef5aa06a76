using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Tests.Irt;

/// <summary>
/// Answers of models that are mixes of a few prototypes, as merges of a few sources are: prototype <c>r</c> answers
/// item <c>i</c> right with probability <c>P_(r,i) ~ U(0, 1)</c>; model <c>m</c> has uniform random mixing weights
/// <c>w_m</c> on the simplex (flat Dirichlet) and answers right with probability <c>sum_r w_(m,r) P_(r,i)</c>, so its
/// expected answer vector lies in a space of rank <c>prototypes</c>, and its 0-1 answers scatter around it.
/// </summary>
sealed class LowRankResponses
{
    public LowRankResponses(int models, int items, int prototypes, ulong seed)
    {
        var rng = new Rng(seed);
        var probability = Enumerable.Range(0, prototypes).Select(_ => Enumerable.Range(0, items).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        Responses = new double[models][];
        for (int m = 0; m < models; m++)
        {
            var weights = Enumerable.Range(0, prototypes).Select(_ => -Math.Log(1 - rng.NextDouble())).ToArray();
            double total = weights.Sum();
            Responses[m] = new double[items];
            for (int i = 0; i < items; i++)
            {
                double p = 0;
                for (int r = 0; r < prototypes; r++) p += weights[r] / total * probability[r][i];
                Responses[m][i] = rng.NextDouble() < p ? 1 : 0;
            }
        }
    }

    public double[][] Responses { get; }
}
