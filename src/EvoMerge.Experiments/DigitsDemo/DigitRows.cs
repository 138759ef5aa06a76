namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>Digit images as row-major pixel values (64 per row) with their labels.</summary>
public sealed record DigitRows(float[] Features, int[] Labels)
{
    public const int Pixels = 64;

    public int Count => Labels.Length;

    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * Pixels, Pixels);

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public DigitRows Take(IReadOnlyList<int> indices)
    {
        var features = new float[indices.Count * Pixels];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Row(indices[i]).CopyTo(features.AsSpan(i * Pixels, Pixels));
            labels[i] = Labels[indices[i]];
        }
        return new DigitRows(features, labels);
    }

    /// <summary>The rows whose label passes <paramref name="keep"/>, in their order.</summary>
    public DigitRows Where(Func<int, bool> keep) =>
        Take(Enumerable.Range(0, Count).Where(i => keep(Labels[i])).ToArray());
}
