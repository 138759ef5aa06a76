using System.Globalization;
using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Evaluation.External;

/// <summary>
/// Checks, before a candidate is written, that its scratch root has room for it: a full disk halfway through a
/// multi-gigabyte checkpoint would otherwise fail late, or starve other programs writing there.
/// </summary>
internal static class ScratchSpace
{
    /// <summary>Room allowed per tensor for its safetensors header entry and index line (names, dtype, shape, offsets).</summary>
    private const long HeaderBytesPerTensor = 256;

    /// <summary>Free bytes of the file system holding <paramref name="folder"/> (statvfs on Unix).</summary>
    public static long FreeBytes(string folder) => new DriveInfo(folder).AvailableFreeSpace;

    /// <summary>About how many bytes the model folder takes: tensor data, headers and the copied sidecar files.</summary>
    public static long EstimateBytes(MergedModel model, string? baseModelFolder)
    {
        long bytes = 0;
        foreach (var (name, tensor) in model.Tensors)
        {
            bytes += tensor.ByteLength + name.Length + HeaderBytesPerTensor;
        }

        if (baseModelFolder is not null)
        {
            bytes += Directory.EnumerateFiles(baseModelFolder)
                .Where(f => !SidecarFiles.IsWeightFile(Path.GetFileName(f)))
                .Sum(f => new FileInfo(f).Length);
        }

        return bytes;
    }

    /// <exception cref="EvaluationFailedException">The estimate exceeds the free space of <paramref name="root"/>.</exception>
    public static void Require(string evaluatorName, string root, long neededBytes, Func<string, long> freeBytes)
    {
        long available = freeBytes(root);
        if (neededBytes > available)
        {
            throw new EvaluationFailedException(string.Create(CultureInfo.InvariantCulture,
                $"{evaluatorName}: not enough free space in the scratch folder {root} to write the merged model: it needs about {neededBytes} bytes ({Readable(neededBytes)}) but {available} bytes ({Readable(available)}) are available. Free space there, or point scratch: in the config (or --scratch) at a folder on a larger disk."));
        }
    }

    /// <summary>Decimal units, as disk sizes are usually quoted: 2.2 GB, 160.3 kB.</summary>
    private static string Readable(long bytes) => bytes switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.#} GB"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.#} MB"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.#} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
