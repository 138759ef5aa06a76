using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.SafeTensors.Tests.Support;

internal static class RuleAssert
{
    /// <summary>Runs <paramref name="action"/>, expecting a format error for <paramref name="file"/> with <paramref name="rule"/>.</summary>
    public static SafeTensorsFormatException Rejects(string file, string rule, Action action)
    {
        var error = Assert.Throws<SafeTensorsFormatException>(action);
        Assert.Equal(rule, error.Rule);
        Assert.Equal(file, error.FilePath);
        Assert.StartsWith($"{file}: {rule}: ", error.Message);
        return error;
    }

    /// <summary>Both the header-only path and the mapping path reject the file with the same rule.</summary>
    public static SafeTensorsFormatException RejectsFile(string file, string rule)
    {
        Rejects(file, rule, () => SafeTensorsFile.ReadHeader(file));
        Rejects(file, rule, () => SafeTensorsFile.Open(file).Dispose());
        return Rejects(file, rule, () => SafeTensorsCheckpoint.Open(file).Dispose());
    }
}
