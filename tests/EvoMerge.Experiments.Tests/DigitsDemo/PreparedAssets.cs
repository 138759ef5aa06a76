using EvoMerge.Experiments.DigitsDemo;

namespace EvoMerge.Experiments.Tests.DigitsDemo;

/// <summary>One prepare with the default options, shared by the tests that only read the assets.</summary>
public sealed class PreparedAssets : IDisposable
{
    public PreparedAssets()
    {
        Root = Directory.CreateTempSubdirectory("digits-demo-").FullName;
        Paths = DigitsDemoAssets.Prepare(Path.Combine(Root, "assets"), new DigitsDemoOptions());
    }

    public string Root { get; }

    public DigitsDemoAssetPaths Paths { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
