using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Niching;
using EvoMerge.Search.Optimizers;

namespace EvoMerge.Experiments.OptimizerBenchmarks;

/// <summary>
/// Two seed points near 0 (Gaussian, scale 0.01) for an optimizer that starts from source models, in the
/// overhead rows where there are none; every gene starts a segment (a split may fall anywhere).
/// </summary>
sealed class RandomSourceSeeds : ISourceSeeds
{
    readonly double[][] _seeds;

    public RandomSourceSeeds(int dimension, Rng rng)
    {
        _seeds = [new double[dimension], new double[dimension]];
        foreach (var seed in _seeds) GaussianNoise.Add(rng, seed, 0.01);
    }

    public IReadOnlyList<double[]> Seeds() => _seeds;

    public int[] SegmentStarts() => [.. Enumerable.Range(0, _seeds[0].Length)];
}
