using System.Text.Json.Nodes;
using EvoMerge.Experiments.Assets;

namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>
/// <c>manifest.json</c>: the options and the digits file's hash the assets were made from, and every file's sha256.
/// Written last, so its presence with matching hashes means the assets are complete.
/// </summary>
public static class DigitsDemoManifest
{
    public const int FormatVersion = 1;

    public static JsonObject Build(string folder, DigitsDemoOptions options, string dataSha256) => new()
    {
        ["format"] = FormatVersion,
        ["kind"] = "evomerge_digits_demo_assets",
        ["options"] = options.ToJson(),
        ["digits_sha256"] = dataSha256,
        ["files"] = AssetManifest.FileHashes(folder, DigitsDemoAssetPaths.RelativeFiles),
    };

    /// <summary>Whether <paramref name="folder"/> holds complete assets made from these options and this data.</summary>
    public static bool Matches(string folder, DigitsDemoOptions options, string dataSha256)
    {
        var manifest = AssetManifest.Read(folder, DigitsDemoAssetPaths.ManifestFileName);
        if (manifest is null || manifest["format"]?.GetValue<int>() != FormatVersion) return false;
        if (manifest["digits_sha256"]?.GetValue<string>() != dataSha256) return false;
        if (manifest["options"]?.ToJsonString() != options.ToJson().ToJsonString()) return false;
        return AssetManifest.FilesMatch(folder, manifest, DigitsDemoAssetPaths.RelativeFiles);
    }
}
