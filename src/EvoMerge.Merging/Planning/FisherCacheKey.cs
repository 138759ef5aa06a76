using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EvoMerge.Merging.Config;
using EvoMerge.SafeTensors.Identity;

namespace EvoMerge.Merging.Planning;

/// <summary>
/// The cache folder name of a Fisher estimated from task data: the model folder's name and a hash of everything
/// the estimate depends on (the model's path, the content identity of each file in its folder, the data file's
/// bytes, the examples, kind and template), so a changed model or data file never reuses a stale estimate: a
/// model re-saved in place with the same size and time shows through <see cref="FileContentIdentity"/>, the
/// same identity a search run's resume check uses, while a file merely touched keeps its estimate.
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
            var identity = FileContentIdentity.Of(file);
            Add(Path.GetFileName(file));
            Add(identity.Size.ToString(CultureInfo.InvariantCulture));
            Add(identity.HeaderSha256);
            Add(identity.SampleSha256);
        }
        using (var stream = File.OpenRead(data.Data!))
            hash.AppendData(SHA256.HashData(stream));
        Add(data.Examples?.ToString(CultureInfo.InvariantCulture));
        Add(data.Kind);
        Add(data.Template);
        return $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(modelFolder))}-{Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
    }
}
