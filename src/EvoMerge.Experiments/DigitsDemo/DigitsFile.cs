using EvoMerge.Experiments.M2N2Digits;

namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>The vendored digits file (hash-checked by <see cref="DigitsDataset"/>) as plain rows, all 1797 in file order.</summary>
public static class DigitsFile
{
    public static DigitRows Load(string path)
    {
        using var data = DigitsDataset.Load(path);
        var features = data.Train.Features.data<float>().ToArray().Concat(data.Test.Features.data<float>().ToArray()).ToArray();
        var labels = data.Train.LabelSpan.ToArray().Concat(data.Test.LabelSpan.ToArray()).ToArray();
        return new DigitRows(features, labels);
    }
}
