using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EvoMerge.Merging.Config;

namespace EvoMerge.Merging.Planning;

/// <summary>
/// The cache folder name of a Fisher estimated from task data: the model folder's name and a hash of everything
/// the estimate depends on (the model's path and weight files, the data file's bytes, the examples, kind and
/// template), so a changed model or data file never reuses a stale estimate.
/// </summary>
internal static class FisherCacheKey
{
    public static string Of(string modelFolder, FisherDataSetting data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? text) => hash.AppendData(Encoding.UTF8.GetBytes((text ?? "\u0000") + "\u0001"));
        Add(Path.GetFullPath(modelFolder));
        foreach (var file in Directory.EnumerateFiles(modelFolder).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            Add(info.Name);
            Add(info.Length.ToString(CultureInfo.InvariantCulture));
            Add(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
        }
        using (var stream = File.OpenRead(data.Data!))
            hash.AppendData(SHA256.HashData(stream));
        Add(data.Examples?.ToString(CultureInfo.InvariantCulture));
        Add(data.Kind);
        Add(data.Template);
        return $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(modelFolder))}-{Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
    }
}
