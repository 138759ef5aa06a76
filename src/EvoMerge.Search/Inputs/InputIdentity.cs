using System.Text.Json.Nodes;
using EvoMerge.SafeTensors.Identity;
using EvoMerge.Search.Config;

namespace EvoMerge.Search.Inputs;

/// <summary>
/// Who the run's input files are, recorded in the journal's first line when the run starts and checked on
/// resume, so a model overwritten between two sessions (an expert replaced by another) is refused rather than
/// mixing two models in one trials.csv. Per file: its path and <see cref="FileContentIdentity"/> (size, a hash
/// of its header and one of a few blocks sampled across it).
/// </summary>
public static class InputIdentity
{
    public const string ExtraKey = "inputs";

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

    /// <summary>One journal entry: the file's path and its <see cref="FileContentIdentity"/>.</summary>
    internal static JsonObject Describe(string path)
    {
        var identity = FileContentIdentity.Of(path);
        return new JsonObject
        {
            ["path"] = path,
            ["size"] = identity.Size,
            ["header_sha256"] = identity.HeaderSha256,
            ["sample_sha256"] = identity.SampleSha256,
        };
    }
}
