using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Models.Mlp;

/// <summary>
/// Examples held once as tensors (features float32 [N, F], labels int64 [N]) so that evaluating many
/// candidates reuses the same input memory.
/// </summary>
public sealed class ClassificationData : IDisposable
{
    readonly int[] _labels;

    public Tensor Features { get; }
    public Tensor Labels { get; }
    public int Count => _labels.Length;
    public int FeatureCount { get; }
    public ReadOnlySpan<int> LabelSpan => _labels;

    /// <param name="features">Row-major [count, featureCount] values.</param>
    public ClassificationData(float[] features, int[] labels, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "Examples need at least one feature.");
        if (labels.Length == 0) throw new ArgumentException("A data set needs at least one example.");
        if (features.Length != (long)labels.Length * featureCount)
            throw new ArgumentException($"{features.Length} feature values do not make {labels.Length} rows of {featureCount}.");
        if (labels.Any(l => l < 0)) throw new ArgumentException("Class labels must be non-negative.");
        _labels = (int[])labels.Clone();
        FeatureCount = featureCount;
        // Owned by this instance, not by whatever dispose scope the caller has open.
        Features = tensor(features, [labels.Length, featureCount], ScalarType.Float32).DetachFromDisposeScope();
        Labels = tensor(labels.Select(l => (long)l).ToArray(), [labels.Length], ScalarType.Int64).DetachFromDisposeScope();
    }

    /// <summary>The examples whose label passes <paramref name="keep"/>, in their original order.</summary>
    public ClassificationData Where(Func<int, bool> keep)
    {
        var rows = Enumerable.Range(0, Count).Where(i => keep(_labels[i])).ToArray();
        if (rows.Length == 0) throw new ArgumentException("No example passes the filter.");
        var source = Features.data<float>().ToArray();
        var features = new float[rows.Length * FeatureCount];
        for (int r = 0; r < rows.Length; r++)
            Array.Copy(source, (long)rows[r] * FeatureCount, features, (long)r * FeatureCount, FeatureCount);
        return new ClassificationData(features, rows.Select(i => _labels[i]).ToArray(), FeatureCount);
    }

    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
