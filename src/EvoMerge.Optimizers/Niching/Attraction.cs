namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// Attraction: how well a candidate partner B complements parent A, the shared-score mass B holds
/// where it beats A: sum_j max(0, S_Bj w_j - S_Aj w_j), with w_j the resource share weights.
/// </summary>
public static class Attraction
{
    public static void Scores(IReadOnlyList<double[]> scores, ReadOnlySpan<double> weights, int parentA, Span<double> attraction)
    {
        if (scores.Count != attraction.Length) throw new ArgumentException("One attraction value per score row is needed.");
        if ((uint)parentA >= (uint)scores.Count) throw new ArgumentOutOfRangeException(nameof(parentA));
        var a = scores[parentA];
        for (int k = 0; k < scores.Count; k++)
        {
            if (scores[k].Length != weights.Length || a.Length != weights.Length)
                throw new ArgumentException("Score rows and weights differ in length.");
            attraction[k] = k == parentA ? 0 : VectorKernels.PositiveGain(scores[k], a, weights);
        }
    }
}
