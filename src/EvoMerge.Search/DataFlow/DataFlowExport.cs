using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.IO;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tensors;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;
using static TorchSharp.torch;

namespace EvoMerge.Search.DataFlow;

/// <summary>
/// Writes a data-flow merge as a folder <see cref="DataFlowModel.Load"/> runs again:
/// <list type="bullet">
/// <item><c>model.safetensors</c> (sharded above 5 GB): the head model's embeddings, final norm and head,
/// and every distinct source layer the path uses, once, as <c>model.layers.k</c>, ordered by global
/// layer number.</item>
/// <item><c>config.json</c>: the head model's config (its own file when it has a folder) with
/// <c>num_hidden_layers</c> = stored layers, <c>torch_dtype</c>, <c>input_layers</c> (hops as stored
/// layer indices), <c>input_scales</c> (per hop) and <c>evomerge_data_flow</c> (provenance).</item>
/// <item><c>mergekit_passthrough.yml</c> when <see cref="PassthroughRecipe"/> finds one; else
/// the reason is recorded in <c>evomerge_data_flow.passthrough_unavailable</c>.</item>
/// <item>Tokenizer files from the head model's folder (or <see cref="DataFlowExportOptions.TokenizerFolder"/>).</item>
/// </list>
/// Plain Hugging Face loaders ignore <c>input_layers</c> and run the stored layers in order; only when
/// the path is the stored layers in order with scales 1 is that the same model.
/// The folder is assembled in a hidden sibling and moved into place only when complete.
/// </summary>
public static class DataFlowExport
{
    static readonly string[] TokenizerFiles =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model", "vocab.json",
         "merges.txt", "added_tokens.json", "vocab.txt", "generation_config.json", "chat_template.jinja"];

    /// <summary>Sources as a list with a head index (see <see cref="DataFlowSources"/>).</summary>
    public static DataFlowExportResult Write(string folder, IReadOnlyList<DataFlowSource> sources, int headIndex, LayerPath path, DataFlowExportOptions? options = null) =>
        Write(folder, new DataFlowSources(sources, headIndex), path, options);

    public static DataFlowExportResult Write(string folder, DataFlowSources sources, LayerPath path, DataFlowExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(path);
        options ??= new DataFlowExportOptions();
        string target = Path.GetFullPath(folder);
        CheckTarget(target, options);
        if (path.Count == 0)
            throw new ArgumentException("The path is empty: there are no layers to store, and a model folder needs at least one (num_hidden_layers > 0).", nameof(path));
        foreach (int global in path.Layers)
            if (global >= sources.TotalLayers)
                throw new ArgumentException($"The path visits layer {global}; the sources hold {sources.TotalLayers} layers in all.", nameof(path));

        // Each distinct layer on the path is stored once, ordered by global layer number.
        var globals = path.Layers.Distinct().Order().ToList();
        var stored = globals.Select((global, index) => Stored(sources, global, index)).ToList();
        CheckStorable(sources, stored);
        var storedPath = new LayerPath(path.Layers.Select(global => globals.BinarySearch(global)).ToArray(), path.Scales);
        var passthrough = PassthroughRecipe.For(sources, path);

        using (var staged = StagedFolder.Begin(target))
        {
            WriteWeights(staged.Path, sources, stored);
            WriteConfig(staged.Path, sources, stored, storedPath, passthrough);
            if (passthrough.Config is { } config)
                File.WriteAllText(Path.Combine(staged.Path, PassthroughRecipe.FileName),
                    "# The data-flow path as a mergekit passthrough merge (every scale is 1).\n" + MergeConfigWriter.ToYaml(config));
            CopyTokenizer(staged.Path, options.TokenizerFolder ?? sources.Sources[sources.HeadIndex].Folder);
            // An existing folder (empty, or Overwrite) is replaced; like a merge's output, no fsync.
            staged.Commit(fsync: false);
        }

        return new DataFlowExportResult(target, stored, storedPath, passthrough);
    }

    static void CheckTarget(string target, DataFlowExportOptions options)
    {
        if (File.Exists(target))
            throw new IOException($"{target}: the output path is a file; give a folder.");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !options.Overwrite)
            throw new IOException($"{target}: the output folder is not empty; choose another or set Overwrite.");
    }

    static StoredLayer Stored(DataFlowSources sources, int global, int index)
    {
        var (source, layer) = sources.Locate(global);
        return new StoredLayer(index, source, sources.Sources[source].Name, layer);
    }

    /// <summary>
    /// The stored model uses the head's config for every layer, so the layers' family, shapes and numerics must agree
    /// with it; only the sliding window's place may differ (config.json's <c>layer_types</c> records it per layer).
    /// </summary>
    static void CheckStorable(DataFlowSources sources, IReadOnlyList<StoredLayer> stored)
    {
        var head = sources.Head.Config;
        foreach (var layer in stored)
        {
            var config = sources.Sources[layer.Source].Model.Config;
            var differences = LayerDifferences(config, head);
            if (differences.Count > 0)
                throw new ArgumentException(
                    $"Layer {layer.Layer} of '{layer.SourceName}' cannot be stored under the head model's config: " +
                    $"{string.Join(", ", differences)} differ; export a path through layers of models like the head.");
        }
    }

    static List<string> LayerDifferences(LlamaConfig layer, LlamaConfig head)
    {
        var differences = new List<string>();
        void Compare<T>(string name, T mine, T theirs)
        {
            if (!EqualityComparer<T>.Default.Equals(mine, theirs)) differences.Add($"{name} ({mine} vs {theirs})");
        }
        Compare("model_type", layer.ModelType, head.ModelType);
        Compare("intermediate_size", layer.IntermediateSize, head.IntermediateSize);
        Compare("biases", (layer.QkvBias, layer.OutputBias, layer.MlpBias), (head.QkvBias, head.OutputBias, head.MlpBias));
        Compare("rms_norm_eps", layer.RmsNormEps, head.RmsNormEps);
        Compare("activation", layer.Activation, head.Activation);
        Compare("(1 + w) norms", layer.NormAddsOne, head.NormAddsOne);
        Compare("q/k norms", layer.QueryKeyNorm, head.QueryKeyNorm);
        Compare("sandwich norms", layer.SandwichNorms, head.SandwichNorms);
        Compare("attention soft-capping", layer.AttentionSoftcap, head.AttentionSoftcap);
        Compare("query_pre_attn_scalar", layer.QueryPreAttentionScalar, head.QueryPreAttentionScalar);
        Compare("fused projections", layer.FusedProjections, head.FusedProjections);
        Compare("sliding_window", layer.SlidingWindow, head.SlidingWindow);
        Compare("local rope base", layer.LocalRopeTheta, head.LocalRopeTheta);
        return differences;
    }

    static void WriteWeights(string staging, DataFlowSources sources, IReadOnlyList<StoredLayer> stored)
    {
        var head = sources.Head;
        var named = new List<(string Name, Tensor Tensor)>();
        foreach (var (name, tensor) in head.Tensors)
            if (!name.StartsWith("model.layers.", StringComparison.Ordinal))
                named.Add((name, tensor));
        foreach (var layer in stored)
        {
            string prefix = LlamaTensorNames.Layer(layer.Layer, "");
            foreach (var (name, tensor) in sources.Sources[layer.Source].Model.Tensors)
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                    named.Add((LlamaTensorNames.Layer(layer.Index, name[prefix.Length..]), tensor));
        }

        var specs = named.Select(n => new TensorSpec(n.Name, TorchDTypes.FromTorch(n.Tensor.dtype), n.Tensor.shape)).ToList();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["merged_by"] = "evomerge", ["merge_method"] = "data_flow" };
        using var writer = CheckpointWriter.Create(staging, specs, CheckpointFiles.DefaultShardSize, metadata);
        foreach (var (name, tensor) in named)
        {
            using var scope = NewDisposeScope();
            var bytes = tensor.cpu().contiguous();
            // In pieces: one span holds at most 2 GiB, less than a large vocabulary's embedding.
            TensorPieces.ForEach(bytes, (offset, piece) => writer.WritePart(name, offset, piece));
        }

        writer.Commit();
    }

    static void WriteConfig(string staging, DataFlowSources sources, IReadOnlyList<StoredLayer> stored, LayerPath storedPath, PassthroughRecipe passthrough)
    {
        var head = sources.Sources[sources.HeadIndex];
        string? headConfig = head.Folder is null ? null : Path.Combine(head.Folder, LlamaConfigReader.FileName);
        var json = headConfig is not null && File.Exists(headConfig)
            ? JsonNode.Parse(File.ReadAllText(headConfig))!.AsObject()
            : LlamaConfigJson.Create(head.Model.Config);
        // Each stored layer keeps its own local or global attention, whatever index it lands at.
        DecoderConfigJson.SetLayers(json, stored.Select(s => sources.Sources[s.Source].Model.Layers[s.Layer]).ToList());
        json["torch_dtype"] = LlamaConfigJson.DTypeName(head.Model.DType);
        json[DataFlowConfigKeys.InputLayers] = new JsonArray(storedPath.Layers.Select(l => (JsonNode)l).ToArray());
        // A float widened to double is exact, and reading it back narrows to the same float.
        json[DataFlowConfigKeys.InputScales] = new JsonArray(storedPath.Scales.Select(s => (JsonNode)(double)s).ToArray());
        var provenance = new JsonObject
        {
            ["head"] = head.Name,
            ["sources"] = new JsonArray(sources.Sources.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["folder"] = s.Folder,
                ["layers"] = s.Model.Layers.Count,
            }).ToArray()),
            ["stored_layers"] = new JsonArray(stored.Select(s => (JsonNode)new JsonObject
            {
                ["source"] = s.SourceName,
                ["layer"] = s.Layer,
            }).ToArray()),
        };
        if (passthrough.IsAvailable)
            provenance["passthrough"] = PassthroughRecipe.FileName;
        else
            provenance["passthrough_unavailable"] = passthrough.UnavailableReason;
        json[DataFlowConfigKeys.Provenance] = provenance;
        File.WriteAllText(Path.Combine(staging, LlamaConfigReader.FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    static void CopyTokenizer(string staging, string? tokenizerFolder)
    {
        if (tokenizerFolder is null)
            return;
        if (!Directory.Exists(tokenizerFolder))
            throw new DirectoryNotFoundException($"{tokenizerFolder}: the tokenizer folder does not exist.");
        foreach (var name in TokenizerFiles)
        {
            string file = Path.Combine(tokenizerFolder, name);
            if (File.Exists(file))
                File.Copy(file, Path.Combine(staging, name));
        }
    }
}
