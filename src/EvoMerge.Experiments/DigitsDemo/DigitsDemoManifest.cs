using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

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
        ["files"] = new JsonObject(DigitsDemoAssetPaths.RelativeFiles.Select(f =>
            new KeyValuePair<string, JsonNode?>(f, Sha256Of(Path.Combine(folder, f))))),
    };

    /// <summary>Whether <paramref name="folder"/> holds complete assets made from these options and this data.</summary>
    public static bool Matches(string folder, DigitsDemoOptions options, string dataSha256)
    {
        var path = Path.Combine(folder, DigitsDemoAssetPaths.ManifestFileName);
        if (!File.Exists(path)) return false;
        JsonObject? manifest;
        try { manifest = JsonNode.Parse(File.ReadAllText(path))?.AsObject(); }
        catch (JsonException) { return false; }
        if (manifest is null || manifest["format"]?.GetValue<int>() != FormatVersion) return false;
        if (manifest["digits_sha256"]?.GetValue<string>() != dataSha256) return false;
        if (manifest["options"]?.ToJsonString() != options.ToJson().ToJsonString()) return false;
        if (manifest["files"] is not JsonObject files) return false;
        foreach (var relative in DigitsDemoAssetPaths.RelativeFiles)
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
