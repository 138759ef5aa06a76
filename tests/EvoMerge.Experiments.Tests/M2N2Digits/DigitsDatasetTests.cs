using System.Security.Cryptography;
using EvoMerge.Experiments.M2N2Digits;

namespace EvoMerge.Experiments.Tests.M2N2Digits;

public class DigitsDatasetTests
{
    [Fact]
    public void Vendored_file_splits_into_1437_training_and_360_test_rows()
    {
        string path = DigitsDataset.Locate();
        Assert.Equal(DigitsDataset.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        using var data = DigitsDataset.Load(path);
        Assert.Equal(1437, data.Train.Count);
        Assert.Equal(360, data.Test.Count);
        Assert.Equal(64, data.Train.FeatureCount);
        // First row of the file: a zero whose top row of pixels is 0,0,5,13,9,1,0,0 (unscaled).
        Assert.Equal(new float[] { 0, 0, 5, 13, 9, 1, 0, 0 }, data.Train.Features[0].data<float>().ToArray()[..8]);
        Assert.Equal(0, data.Train.LabelSpan[0]);
        // Last row of the file is the last test row: label 8 in sklearn's digits.
        Assert.Equal(8, data.Test.LabelSpan[^1]);
        Assert.All(Enumerable.Range(0, 10), digit => Assert.Contains(digit, data.Test.LabelSpan.ToArray()));
    }

    [Fact]
    public void A_file_with_another_hash_is_refused()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [1, 2, 3]);
            Assert.Throws<InvalidDataException>(() => DigitsDataset.Load(path));
        }
        finally { File.Delete(path); }
    }
}
