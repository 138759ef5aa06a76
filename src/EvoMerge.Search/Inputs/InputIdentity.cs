using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EvoMerge.Search.Config;

namespace EvoMerge.Search.Inputs;

/// <summary>
/// Who the run's input files are, recorded in the journal's first line when the run starts and checked on
/// resume, so a model overwritten between two sessions (an expert replaced by another) is refused rather than
/// mixing two models in one trials.csv. Per file: its size, a hash of its header (a safetensors file's JSON
/// header; the first 64 KiB of other files) and a hash of a few blocks sampled across it: cheap on
/// multi-gigabyte checkpoints, yet any replacement, truncation or re-save shows.
/// </summary>
public static class InputIdentity
{
    public const string ExtraKey = "inputs";

    const int SampledBlocks = 16;
    const int BlockBytes = 4096;
    const int PlainHeadBytes = 64 * 1024;
    const long MaxSafeTensorsHeader = 100L * 1024 * 1024;
    static readonly string[] ModelFileExtensions = [".safetensors", ".bin", ".pt", ".pth", ".onnx"];

    /// <summary>The files whose change would change the experiment: model weights and the tasks' data.</summary>
    public static IReadOnlyList<string> Files(SearchConfig config)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var model in new[] { config.Models.Base }.Concat(config.Models.Experts))
        {
            if (model is null) continue;
            if (File.Exists(model.Path)) files.Add(Path.GetFullPath(model.Path));
            else if (Directory.Exists(model.Path))
                foreach (var file in Directory.EnumerateFiles(model.Path).Where(f => ModelFileExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)))
                    files.Add(Path.GetFullPath(file));
        }
        foreach (var task in config.Tasks)
            foreach (var path in task.Kind.InputFiles(task.Settings).Prepend(task.Data))
                if (path is not null && File.Exists(path)) files.Add(Path.GetFullPath(path));
        // The Fisher task data decides every fisher-merged trial's weights, as task data decides its scores.
        if (config.Merge.FisherData?.Data is { } fisherData && File.Exists(fisherData)) files.Add(Path.GetFullPath(fisherData));
        return files.ToList();
    }

    public static JsonArray Record(SearchConfig config) =>
        new(Files(config).Select(f => (JsonNode?)Describe(f)).ToArray());

    /// <summary>
    /// Compares the inputs now with those <paramref name="recorded"/> at the start; a message naming each file
    /// that changed, appeared or disappeared, or null when all match. Journals from before this record pass.
    /// </summary>
    public static string? Differences(JsonNode? recorded, SearchConfig config)
    {
        if (recorded is not JsonArray entries) return null;
        var before = entries.OfType<JsonObject>().ToDictionary(e => e["path"]!.GetValue<string>(), StringComparer.Ordinal);
        var now = Files(config).ToDictionary(f => f, Describe, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (path, then) in before)
        {
            if (!now.TryGetValue(path, out var current)) problems.Add($"{path}: missing now (it was an input when the run began).");
            else if (then["size"]!.GetValue<long>() != current["size"]!.GetValue<long>())
                problems.Add($"{path}: changed since the run began (size {then["size"]} bytes then, {current["size"]} now).");
            else if (!JsonNode.DeepEquals(then, current))
                problems.Add($"{path}: changed since the run began (same size, different contents).");
        }
        foreach (var path in now.Keys.Where(p => !before.ContainsKey(p)))
            problems.Add($"{path}: a new input file since the run began.");
        return problems.Count == 0 ? null : string.Join("\n", problems);
    }

    static JsonObject Describe(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long size = stream.Length;
        return new JsonObject
        {
            ["path"] = path,
            ["size"] = size,
            ["header_sha256"] = Convert.ToHexStringLower(SHA256.HashData(ReadAt(stream, 0, HeadLength(stream, path)))),
            ["sample_sha256"] = Convert.ToHexStringLower(SampleHash(stream)),
        };
    }

    /// <summary>A safetensors file's 8-byte length plus its JSON header; otherwise the first 64 KiB.</summary>
    static int HeadLength(FileStream stream, string path)
    {
        long size = stream.Length;
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) && size >= 8)
        {
            long header = (long)BinaryPrimitives.ReadUInt64LittleEndian(ReadAt(stream, 0, 8));
            if (header >= 0 && header <= MaxSafeTensorsHeader && 8 + header <= size) return (int)(8 + header);
        }
        return (int)Math.Min(size, PlainHeadBytes);
    }

    /// <summary>Blocks at evenly spaced offsets, the last one ending at the end of the file.</summary>
    static byte[] SampleHash(FileStream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = stream.Length;
        long span = Math.Max(0, size - BlockBytes);
        for (int i = 0; i < SampledBlocks; i++)
        {
            long offset = SampledBlocks == 1 ? 0 : span * i / (SampledBlocks - 1);
            hash.AppendData(ReadAt(stream, offset, (int)Math.Min(BlockBytes, size - offset)));
        }
        return hash.GetHashAndReset();
    }

    static byte[] ReadAt(FileStream stream, long offset, int count)
    {
        var buffer = new byte[Math.Max(0, count)];
        stream.Seek(offset, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
        return buffer;
    }
}
