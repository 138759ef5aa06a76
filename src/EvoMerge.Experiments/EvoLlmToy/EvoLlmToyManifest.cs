using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

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
        ["files"] = new JsonObject(EvoLlmToyAssetPaths.RelativeFiles.Select(f =>
            new KeyValuePair<string, JsonNode?>(f, Sha256Of(Path.Combine(folder, f))))),
    };

    /// <summary>Whether <paramref name="folder"/> holds complete assets made from these options.</summary>
    public static bool Matches(string folder, EvoLlmToyOptions options)
    {
        var path = Path.Combine(folder, EvoLlmToyAssetPaths.ManifestFileName);
        if (!File.Exists(path)) return false;
        JsonObject? manifest;
        try { manifest = JsonNode.Parse(File.ReadAllText(path))?.AsObject(); }
        catch (JsonException) { return false; }
        if (manifest is null || manifest["format"]?.GetValue<int>() != FormatVersion || manifest["kind"]?.GetValue<string>() != Kind) return false;
        if (manifest["options"]?.ToJsonString() != options.ToJson().ToJsonString()) return false;
        if (manifest["files"] is not JsonObject files) return false;
        foreach (var relative in EvoLlmToyAssetPaths.RelativeFiles)
        {
            var file = Path.Combine(folder, relative);
            if (!File.Exists(file) || files[relative]?.GetValue<string>() != Sha256Of(file)) return false;
        }

        return true;
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
