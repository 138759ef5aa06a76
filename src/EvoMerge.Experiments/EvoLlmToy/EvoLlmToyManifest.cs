using System.Text.Json.Nodes;
using EvoMerge.Experiments.Assets;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// <c>manifest.json</c>: the options the assets were made from and every file's sha256. Written last, so its
/// presence with matching hashes means the assets are complete.
/// </summary>
public static class EvoLlmToyManifest
{
    public const int FormatVersion = 1;
    public const string Kind = "evomerge_evollm_toy_assets";

    public static JsonObject Build(string folder, EvoLlmToyOptions options) => new()
    {
        ["format"] = FormatVersion,
        ["kind"] = Kind,
        ["options"] = options.ToJson(),
        ["files"] = AssetManifest.FileHashes(folder, EvoLlmToyAssetPaths.RelativeFiles),
    };

    /// <summary>Whether <paramref name="folder"/> holds complete assets made from these options.</summary>
    public static bool Matches(string folder, EvoLlmToyOptions options)
    {
        var manifest = AssetManifest.Read(folder, EvoLlmToyAssetPaths.ManifestFileName);
        if (manifest is null || manifest["format"]?.GetValue<int>() != FormatVersion || manifest["kind"]?.GetValue<string>() != Kind) return false;
        if (manifest["options"]?.ToJsonString() != options.ToJson().ToJsonString()) return false;
        return AssetManifest.FilesMatch(folder, manifest, EvoLlmToyAssetPaths.RelativeFiles);
    }
}
