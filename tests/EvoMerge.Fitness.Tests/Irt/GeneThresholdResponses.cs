using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Tests.Irt;

/// <summary>
/// Synthetic merge candidates: a model is a point <c>g</c> in the unit square of genes and answers item <c>i</c>
/// correctly when <c>a_i . g + b_i &gt; 0</c>, so nearby models answer alike (as merges of the same sources do)
/// and a model's accuracy changes smoothly with its genes.
/// </summary>
internal sealed class GeneThresholdResponses
{
    readonly double[][] _slopes;
    readonly double[] _offsets;

    public GeneThresholdResponses(int items, int genes, ulong seed)
    {
        var rng = new Rng(seed);
        _slopes = [.. Enumerable.Range(0, items).Select(_ => Enumerable.Range(0, genes).Select(_ => 3 * rng.NextGaussian()).ToArray())];
        _offsets = [.. Enumerable.Range(0, items).Select(_ => rng.NextGaussian())];
        Genes = genes;
    }

    public int Genes { get; }

    public double[] Answers(IReadOnlyList<double> genes) =>
        [.. _slopes.Select((a, i) => a.Select((s, j) => s * genes[j]).Sum() + _offsets[i] > 0 ? 1.0 : 0.0)];

    public double[][] RandomModels(int count, Rng rng) =>
        [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, Genes).Select(_ => rng.NextDouble()).ToArray())];
}
