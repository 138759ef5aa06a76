namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>
/// Where <see cref="DigitsDemoAssets.Prepare"/> put the demo's files. Model folders each hold <c>model.safetensors</c>
/// and <c>architecture.json</c>; data files are CSV with columns <c>f0..f63,label</c>.
/// </summary>
/// <param name="Reused">True when matching assets were already there and nothing was written.</param>
public sealed record DigitsDemoAssetPaths(
    string Folder,
    string BaseModel,
    string ExpertLow,
    string ExpertHigh,
    string ValidationLow,
    string ValidationHigh,
    string TestLow,
    string TestHigh,
    string TestAll,
    string Manifest,
    bool Reused)
{
    public const string ManifestFileName = "manifest.json";

    /// <summary>Paths relative to the assets folder, as the manifest records them.</summary>
    public static readonly IReadOnlyList<string> RelativeFiles =
    [
        "models/base/model.safetensors", "models/base/architecture.json",
        "models/expert_0_4/model.safetensors", "models/expert_0_4/architecture.json",
        "models/expert_5_9/model.safetensors", "models/expert_5_9/architecture.json",
        "data/validation_0_4.csv", "data/validation_5_9.csv",
        "data/test_0_4.csv", "data/test_5_9.csv", "data/test_all.csv",
    ];

    public static DigitsDemoAssetPaths In(string folder, bool reused)
    {
        var full = Path.GetFullPath(folder);
        string At(string relative) => Path.Combine(full, relative);
        return new DigitsDemoAssetPaths(
            full,
            At("models/base"), At("models/expert_0_4"), At("models/expert_5_9"),
            At("data/validation_0_4.csv"), At("data/validation_5_9.csv"),
            At("data/test_0_4.csv"), At("data/test_5_9.csv"), At("data/test_all.csv"),
            At(ManifestFileName), reused);
    }
}
