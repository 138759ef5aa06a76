using EvoMerge.Experiments.DigitsDemo;

namespace EvoMerge.Cli.Tests;

/// <summary>The embedded demo search (configs/demo-digits.yml) pointed at demo assets prepared under a test's temp folder.</summary>
public sealed record DemoDigitsConfig(string Yaml, string AssetsFolder)
{
    /// <param name="evaluations">The budget in place of the demo's 400.</param>
    public static DemoDigitsConfig Prepare(TempFolder temp, int evaluations = 400)
    {
        ArgumentNullException.ThrowIfNull(temp);
        var assets = DigitsDemoAssets.Prepare(temp.Combine("assets"), new DigitsDemoOptions());
        string yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "configs", "demo-digits.yml"))
            .Replace("results/demo-digits/assets", assets.Folder)
            .Replace("evaluations: 400", $"evaluations: {evaluations}");
        return new DemoDigitsConfig(yaml, assets.Folder);
    }
}
