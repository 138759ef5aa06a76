using EvoMerge.Core.Randomness;

namespace EvoMerge.Core.Tests.Pareto;

static class RandomPoints
{
    /// <summary>Points on a coarse grid, so ties and duplicates occur often.</summary>
    public static List<double[]> Grid(Rng rng, int count, int objectives, int levels) =>
        Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, objectives).Select(_ => (double)rng.NextInt(levels)).ToArray())
            .ToList();
}
