using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using TorchSharp;

namespace EvoMerge.Merging.Output;

public sealed record MergeJobOptions
{
    public long ShardSizeBytes { get; init; } = CheckpointFiles.DefaultShardSize;
    public bool Overwrite { get; init; }
    public torch.Device? Device { get; init; }
}

public sealed record MergeJobResult(string OutputDirectory, IReadOnlyList<string> Files, int Tensors, long Bytes, TimeSpan Elapsed, IReadOnlyList<string> Warnings);

/// <summary>
/// The merge command as a library call: validate the config and the output folder (all problems
/// at once, nothing written), then stream the merge into a hidden sibling folder and move it into
/// place only when complete, so an interrupted merge never leaves output that looks finished.
/// </summary>
public static class MergeJob
{
    static readonly string[] TokenizerFiles =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model", "vocab.json",
         "merges.txt", "added_tokens.json", "vocab.txt", "spiece.model", "generation_config.json", "chat_template.jinja"];

    public static MergePlan Prepare(MergeConfig config, string outputDirectory, MergeJobOptions options)
    {
        var outputProblems = new List<string>();
        if (File.Exists(outputDirectory))
            outputProblems.Add($"{outputDirectory}: output path is a file; give a folder.");
        else if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any() && !options.Overwrite)
            outputProblems.Add($"{outputDirectory}: output folder is not empty; choose another or pass --overwrite to replace it.");
        if (options.ShardSizeBytes <= 0) outputProblems.Add("--shard-size: must be positive.");
        // Config problems and output problems are reported together.
        MergePlan? plan = null;
        var problems = new List<string>();
        try { plan = MergePlanner.Plan(config); }
        catch (MergeConfigException e) { problems.AddRange(e.Problems); }
        problems.AddRange(outputProblems);
        if (problems.Count > 0) throw new MergeConfigException(problems);
        return plan!;
    }

    public static MergeJobResult Run(MergePlan plan, string outputDirectory, MergeJobOptions options, IProgress<MergeProgress>? progress = null, CancellationToken cancel = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        string full = Path.GetFullPath(outputDirectory);
        string parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var specs = plan.Tensors.Select(t => new TensorSpec(t.OutputName, t.OutputDType, t.Shape)).ToList();
            var metadata = new Dictionary<string, string> { ["format"] = "pt", ["merged_by"] = "evomerge", ["merge_method"] = plan.Method.Name };
            using (var writer = CheckpointWriter.Create(staging, specs, options.ShardSizeBytes, metadata))
            using (var executor = new MergeExecutor(plan, options.Device))
            {
                executor.RunInParts((planned, offset, bytes) =>
                {
                    if (offset == 0 && bytes.Length == planned.OutputBytes) writer.Write(planned.OutputName, bytes);
                    else writer.WritePart(planned.OutputName, offset, bytes);
                }, progress, cancel);
                writer.Commit();
            }
            WriteSideFiles(plan, staging);
            MoveIntoPlace(staging, full);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        var files = Directory.GetFiles(full).Select(Path.GetFileName).OfType<string>().Order().ToList();
        return new MergeJobResult(full, files, plan.Tensors.Count, plan.Tensors.Sum(t => t.OutputBytes), started.Elapsed, plan.Warnings);
    }

    /// <summary>config.json (layer count and dtype updated), tokenizer files and the resolved config.</summary>
    static void WriteSideFiles(MergePlan plan, string folder)
    {
        string? configSource = plan.Config.BaseModel ?? plan.Config.ReferencedModels().FirstOrDefault();
        if (configSource != null && plan.Models.TryGetValue(configSource, out var source) && source.HfConfig != null)
        {
            var hf = (JsonObject)source.HfConfig.DeepClone();
            if (plan.OutputLayerCount > 0)
                foreach (var key in new[] { "num_hidden_layers", "n_layer", "num_layers" })
                    if (hf.ContainsKey(key)) hf[key] = plan.OutputLayerCount;
            if (plan.Tensors.Count > 0 && hf.ContainsKey("torch_dtype"))
                hf["torch_dtype"] = DTypeNames.ToName(plan.Tensors[0].OutputDType);
            File.WriteAllText(Path.Combine(folder, "config.json"), hf.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        string? tokenizerModel = plan.Config.TokenizerSource is null or "base"
            ? plan.Config.BaseModel ?? plan.Config.ReferencedModels().FirstOrDefault()
            : plan.Config.TokenizerSource;
        if (tokenizerModel != null)
        {
            string dir = Directory.Exists(tokenizerModel) ? tokenizerModel : Path.GetDirectoryName(tokenizerModel)!;
            foreach (var name in TokenizerFiles)
                if (File.Exists(Path.Combine(dir, name))) File.Copy(Path.Combine(dir, name), Path.Combine(folder, name));
        }

        File.WriteAllText(Path.Combine(folder, "evomerge_config.yml"),
            "# The configuration this merge used, with model paths made absolute and the random seed recorded.\n"
            + MergeConfigWriter.ToYaml(plan.Config));
    }

    static void MoveIntoPlace(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        // Existing folder (empty, or --overwrite): swap, then remove the old content.
        string old = staging + ".old";
        Directory.Move(target, old);
        Directory.Move(staging, target);
        Directory.Delete(old, recursive: true);
    }
}
