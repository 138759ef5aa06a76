using System.Diagnostics;
using System.Text.Json;
using EvoMerge.Core.IO;
using EvoMerge.Core.Randomness;
using EvoMerge.Experiments.Assets;
using EvoMerge.Experiments.M2N2Digits;

namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>
/// Makes the inputs of <c>./run.sh demo</c>: a shared base MLP and two experts fine-tuned from it on digits 0-4 and
/// 5-9 (safetensors + architecture.json each), the validation files the search scores on, and the test files
/// reported at the end. Deterministic for given options (seeded; float32 training on one CPU setup).
/// </summary>
public static class DigitsDemoAssets
{
    /// <summary>
    /// Writes the assets into <paramref name="folder"/>, or reuses them when its manifest matches the options and
    /// the data. Everything is built in a staging folder beside it and swapped in at the end, so an interrupted
    /// prepare never leaves partial assets. Not safe for two processes preparing the same folder at once.
    /// </summary>
    /// <exception cref="IOException"><paramref name="folder"/> exists, is not empty and holds no demo manifest (it is never overwritten).</exception>
    public static DigitsDemoAssetPaths Prepare(string folder, DigitsDemoOptions options, IProgress<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var dataPath = options.DataPath ?? DigitsDataset.Locate();
        var dataSha256 = AssetManifest.Sha256Of(dataPath);
        if (DigitsDemoManifest.Matches(target, options, dataSha256))
        {
            log?.Report($"digits demo: reusing the assets in {target}");
            return DigitsDemoAssetPaths.In(target, reused: true);
        }

        ReplaceableAssetFolder.Require(target, DigitsDemoAssetPaths.ManifestFileName, "a digits demo assets folder");
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        StagedFolder.RemoveStale(target);
        using (var staged = StagedFolder.Begin(target))
        {
            var clock = Stopwatch.StartNew();
            Build(staged.Path, options, dataPath, dataSha256, log);
            staged.Commit(fsync: true);
            log?.Report($"digits demo: assets written to {target} in {clock.Elapsed.TotalSeconds:F1} s");
        }
        return DigitsDemoAssetPaths.In(target, reused: false);
    }

    static void Build(string staging, DigitsDemoOptions options, string dataPath, string dataSha256, IProgress<string>? log)
    {
        var all = DigitsFile.Load(dataPath);
        var rng = new Rng(options.Seed);
        var split = DigitsDemoSplit.Make(all, options.ValidationFraction, options.TestFraction, rng.Fork());
        log?.Report($"digits demo: {split.Train.Count} training, {split.Validation.Count} validation, {split.Test.Count} test rows; training base and experts");
        var models = DigitsDemoModels.Train(options, split.Train, rng.Fork());

        var paths = DigitsDemoAssetPaths.In(staging, reused: false);
        var architecture = options.Architecture;
        MlpCheckpoint.Write(paths.BaseModel, architecture, models.Base);
        MlpCheckpoint.Write(paths.ExpertLow, architecture, models.ExpertLow);
        MlpCheckpoint.Write(paths.ExpertHigh, architecture, models.ExpertHigh);
        Directory.CreateDirectory(Path.GetDirectoryName(paths.TestAll)!);
        DigitsCsv.Write(paths.ValidationLow, split.Validation.Where(label => label < 5));
        DigitsCsv.Write(paths.ValidationHigh, split.Validation.Where(label => label >= 5));
        DigitsCsv.Write(paths.TestLow, split.Test.Where(label => label < 5));
        DigitsCsv.Write(paths.TestHigh, split.Test.Where(label => label >= 5));
        DigitsCsv.Write(paths.TestAll, split.Test);
        var manifest = DigitsDemoManifest.Build(staging, options, dataSha256);
        AtomicFile.WriteAllText(paths.Manifest, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", fsync: true);
    }
}
