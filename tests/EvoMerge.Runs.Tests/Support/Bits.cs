namespace EvoMerge.Runs.Tests;

/// <summary>Compares doubles by bit pattern, so -0.0 and 0.0 (and NaN payloads) count as different.</summary>
internal static class Bits
{
    public static void Equal(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"index {i}: expected {expected[i]:R} (0x{BitConverter.DoubleToInt64Bits(expected[i]):X16}), got {actual[i]:R} (0x{BitConverter.DoubleToInt64Bits(actual[i]):X16})");
        }
    }
}
