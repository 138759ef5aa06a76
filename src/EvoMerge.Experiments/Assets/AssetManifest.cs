using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Experiments.Assets;

/// <summary>
/// The parts every prepared-assets manifest shares: the sha256 of each file, reading a manifest that may be
/// missing or damaged, and checking that every listed file is still there with its recorded hash.
/// </summary>
public static class AssetManifest
{
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>{relative path: sha256} for every file, as a manifest records them.</summary>
    public static JsonObject FileHashes(string folder, IEnumerable<string> relativeFiles) =>
        new(relativeFiles.Select(f => new KeyValuePair<string, JsonNode?>(f, Sha256Of(Path.Combine(folder, f)))));

    /// <summary>The manifest in <paramref name="folder"/>, or null when it is missing, empty JSON or not valid JSON.</summary>
    public static JsonObject? Read(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path)) return null;
        try { return JsonNode.Parse(File.ReadAllText(path))?.AsObject(); }
        catch (JsonException) { return null; }
    }

    /// <summary>Whether every file the manifest's "files" lists exists with the recorded hash.</summary>
    public static bool FilesMatch(string folder, JsonObject manifest, IEnumerable<string> relativeFiles)
    {
        if (manifest["files"] is not JsonObject files) return false;
        foreach (var relative in relativeFiles)
        {
            var file = Path.Combine(folder, relative);
            if (!File.Exists(file) || files[relative]?.GetValue<string>() != Sha256Of(file)) return false;
        }
        return true;
    }
}
