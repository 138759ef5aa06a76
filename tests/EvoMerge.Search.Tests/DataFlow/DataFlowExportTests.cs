using System.Text.Json.Nodes;
using EvoMerge.Merging.Output;
using EvoMerge.Merging.Samples;
using EvoMerge.Models.Llama;
using EvoMerge.Search.DataFlow;
using static TorchSharp.torch;

namespace EvoMerge.Search.Tests.DataFlow;

public sealed class DataFlowExportTests : IDisposable
{
    readonly ModelPool _pool = new();

    public void Dispose() => _pool.Dispose();

    static JsonObject ReadConfig(string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!.AsObject();

    /// <summary>Two sources written as checkpoint folders (3 and 2 layers) and loaded back.</summary>
    DataFlowSources FolderSources(int headIndex = 0)
    {
        string a = _pool.PathOf("a"), b = _pool.PathOf("b");
        TinyLlamaCheckpoints.Write(a, new TinyLlamaShape(Layers: 3), baseSeed: 21);
        TinyLlamaCheckpoints.Write(b, new TinyLlamaShape(Layers: 2), baseSeed: 22);
        File.WriteAllText(Path.Combine(a, "tokenizer.json"), "{\"marker\": \"a\"}");
        return new DataFlowSources([new("a", _pool.Load(a), a), new("b", _pool.Load(b), b)], headIndex);
    }

    [Fact]
    public void Export_then_load_runs_the_same_model_as_the_view()
    {
        var a = _pool.Random(ModelPool.Config(layers: 3), seed: 11);
        var b = _pool.Random(ModelPool.Config(layers: 2), seed: 12);
        var sources = new DataFlowSources([new("a", a), new("b", b)], headIndex: 1);
        // b0, a2, a2 again, b1, a0: layer a1 is never used; a2 is stored once and visited twice.
        var path = new LayerPath([3, 2, 2, 4, 0], [1f, 0.625f, 1.375f, 0.9f, 1.1f]);

        var result = DataFlowExport.Write(_pool.PathOf("out"), sources, path);

        Assert.Equal(new[] { ("a", 0), ("a", 2), ("b", 0), ("b", 1) }, result.StoredLayers.Select(s => (s.SourceName, s.Layer)));
        Assert.Equal(new[] { 2, 1, 1, 3, 0 }, result.StoredPath.Layers);
        var config = ReadConfig(result.Folder);
        Assert.Equal(4, (int)config["num_hidden_layers"]!);
        Assert.Equal("[2,1,1,3,0]", config["input_layers"]!.ToJsonString());
        Assert.Equal(path.Scales, config["input_scales"]!.AsArray().Select(s => (float)(double)s!));
        Assert.Equal("b", (string)config["evomerge_data_flow"]!["head"]!);
        Assert.Contains("scales its input", (string)config["evomerge_data_flow"]!["passthrough_unavailable"]!);
        Assert.False(File.Exists(Path.Combine(result.Folder, PassthroughRecipe.FileName)));

        using var loaded = DataFlowModel.Load(result.Folder);
        Assert.Equal(result.StoredPath.Layers, loaded.Path.Layers);
        Assert.Equal(path.Scales, loaded.Path.Scales);
        var view = sources.View(path);
        Logits.AssertIdentical(view, loaded);
        using var scope = NewDisposeScope();
        var (ids, mask) = Logits.Batch();
        var options = new GenerationOptions { MaxNewTokens = 5 };
        Assert.Equal(view.GenerateGreedy(ids, mask, options)[0].Tokens, loaded.GenerateGreedy(ids, mask, options)[0].Tokens);
    }

    [Fact]
    public void Bfloat16_tied_models_round_trip_in_their_dtype()
    {
        var config = ModelPool.Config(layers: 2, tied: true);
        var a = _pool.Random(config, seed: 13, ScalarType.BFloat16);
        var b = _pool.Random(config, seed: 14, ScalarType.BFloat16);
        var sources = DataFlowSources.FromModels([a, b]);
        var path = new LayerPath([0, 2, 3, 1], [1f, 0.75f, 1f, 1.25f]);

        var result = DataFlowExport.Write(_pool.PathOf("bf16"), sources, path);

        Assert.Equal("bfloat16", (string)ReadConfig(result.Folder)["torch_dtype"]!);
        using var loaded = DataFlowModel.Load(result.Folder, new LlamaLoadOptions { DType = ScalarType.BFloat16 });
        Assert.Equal(ScalarType.BFloat16, loaded.DType);
        Logits.AssertIdentical(sources.View(path), loaded);
    }

    [Fact]
    public void Ps_plus_dfs_export_stores_the_merged_models_layers()
    {
        var a = _pool.Random(ModelPool.Config(layers: 2), seed: 15);
        var b = _pool.Random(ModelPool.Config(layers: 2), seed: 16);
        var merged = _pool.Average(a, b);
        var sources = new DataFlowSources([new("a", a), new("b", b), new("ps_merge", merged)], headIndex: 2);
        var path = new LayerPath([4, 1, 5], [1f, 0.8f, 1.2f]);

        var result = DataFlowExport.Write(_pool.PathOf("ps_dfs"), sources, path);

        Assert.Equal(new[] { "a", "ps_merge", "ps_merge" }, result.StoredLayers.Select(s => s.SourceName));
        using var loaded = DataFlowModel.Load(result.Folder);
        Logits.AssertIdentical(sources.View(path), loaded);
    }

    [Fact]
    public void A_contiguous_unscaled_path_gets_a_passthrough_config_whose_merge_equals_the_view()
    {
        var sources = FolderSources();
        // a0 a1 | b0 b1 | a2: three runs, starting and ending in the head model a.
        var path = new LayerPath([0, 1, 3, 4, 2], [1f, 1f, 1f, 1f, 1f]);

        var result = DataFlowExport.Write(_pool.PathOf("contiguous"), sources, path);

        var recipe = result.Passthrough;
        Assert.True(recipe.IsAvailable, recipe.UnavailableReason);
        Assert.Equal("passthrough", recipe.Config!.MergeMethod);
        Assert.Equal(
            new[] { (sources.Sources[0].Folder, 0, 2), (sources.Sources[1].Folder, 0, 2), (sources.Sources[0].Folder, 2, 3) },
            recipe.Config.Slices!.Select(s => ((string?)s.Sources.Single().Model, s.Sources[0].Start, s.Sources[0].End)));
        Assert.Contains("layer_range: [2, 3]", File.ReadAllText(Path.Combine(result.Folder, PassthroughRecipe.FileName)));
        Assert.Equal(PassthroughRecipe.FileName, (string)ReadConfig(result.Folder)["evomerge_data_flow"]!["passthrough"]!);
        Assert.Equal("{\"marker\": \"a\"}", File.ReadAllText(Path.Combine(result.Folder, "tokenizer.json")));

        string merged = _pool.PathOf("merged");
        var options = new MergeJobOptions();
        MergeJob.Run(MergeJob.Prepare(recipe.Config, merged, options), merged, options);
        var mergedModel = _pool.Load(merged);
        Assert.Equal(5, mergedModel.Config.NumHiddenLayers);
        var view = sources.View(path);
        Logits.AssertIdentical(view, mergedModel);
        // The comparison can tell paths apart: a's own three layers give other logits.
        Assert.True(Logits.MaxDifference(view, sources.Sources[0].Model) > 1e-6);
        using var loaded = DataFlowModel.Load(result.Folder);
        Logits.AssertIdentical(view, loaded);
    }

    [Fact]
    public void Passthrough_is_refused_with_a_reason_where_it_cannot_express_the_path()
    {
        var sources = FolderSources();
        static string Reason(DataFlowSources s, LayerPath p) => PassthroughRecipe.For(s, p).UnavailableReason!;

        Assert.Contains("empty", Reason(sources, new LayerPath([], [])));
        Assert.Contains("0.5", Reason(sources, new LayerPath([0, 1], [1f, 0.5f])));
        Assert.Contains("starts in 'b'", Reason(sources, new LayerPath([3, 0], [1f, 1f])));
        Assert.Contains("ends in 'b'", Reason(sources, new LayerPath([0, 3], [1f, 1f])));
        var inMemory = new DataFlowSources([sources.Sources[0], new("ps_merge", _pool.Average(sources.Sources[0].Model, sources.Sources[0].Model))]);
        Assert.Contains("'ps_merge' is held in memory", Reason(inMemory, new LayerPath([0, 3, 1], [1f, 1f, 1f])));
        Assert.True(PassthroughRecipe.For(inMemory, new LayerPath([0, 0, 1], [1f, 1f, 1f])).IsAvailable);
    }

    [Fact]
    public void A_plain_model_folder_loads_as_its_layers_in_order()
    {
        var sources = FolderSources();
        using var loaded = DataFlowModel.Load(sources.Sources[1].Folder!);
        Assert.Equal(new[] { 0, 1 }, loaded.Path.Layers);
        Logits.AssertIdentical(sources.Sources[1].Model, loaded);
    }

    [Fact]
    public void Export_refuses_a_non_empty_folder_unless_told_to_overwrite()
    {
        var a = _pool.Random(ModelPool.Config(layers: 2), seed: 17);
        var sources = DataFlowSources.FromModels([a]);
        string folder = _pool.PathOf("taken");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "x");

        Assert.Throws<IOException>(() => DataFlowExport.Write(folder, sources, LayerPath.Identity(2)));
        Assert.True(File.Exists(Path.Combine(folder, "keep.txt")));
        Assert.Throws<ArgumentException>(() => DataFlowExport.Write(_pool.PathOf("bad"), sources, new LayerPath([2], [1f])));
        Assert.False(Directory.Exists(_pool.PathOf("bad")));
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => DataFlowExport.Write(_pool.PathOf("bad"), sources, new LayerPath([], []))).Message);

        DataFlowExport.Write(folder, sources, LayerPath.Identity(2), new DataFlowExportOptions { Overwrite = true });
        Assert.False(File.Exists(Path.Combine(folder, "keep.txt")));
        using var loaded = DataFlowModel.Load(folder);
        Logits.AssertIdentical(a, loaded);
    }

    [Fact]
    public void Layers_that_the_head_config_cannot_describe_run_in_a_view_but_are_not_exported()
    {
        var a = _pool.Random(ModelPool.Config(layers: 2), seed: 18);
        var widerMlp = ModelPool.Config(layers: 2) with { IntermediateSize = 40 };
        var b = _pool.Random(widerMlp, seed: 19);
        var sources = DataFlowSources.FromModels([a, b]);
        var path = new LayerPath([0, 2], [1f, 1f]);
        Assert.True(Logits.MaxDifference(sources.View(path), a) > 1e-6);

        var error = Assert.Throws<ArgumentException>(() => DataFlowExport.Write(_pool.PathOf("mixed"), sources, path));
        Assert.Contains("intermediate_size", error.Message);
        Assert.False(Directory.Exists(_pool.PathOf("mixed")));
        DataFlowExport.Write(_pool.PathOf("only_a"), sources, new LayerPath([1, 0], [1f, 0.5f]));
    }

    [Fact]
    public void Re_stacked_layers_keep_their_own_local_or_global_attention()
    {
        var local = ModelPool.Config(layers: 3) with { ModelType = LlamaModelType.Qwen2, SlidingWindow = 2, SlidingLayers = [true, false, true] };
        var a = _pool.Random(local, seed: 31);
        var b = _pool.Random(local, seed: 32);
        var sources = DataFlowSources.FromModels([a, b]);
        // b1 (global) then a0 (local): stored in source order as a0, b1, so the head's pattern (local, global, local) no longer fits.
        var path = new LayerPath([4, 0], [1f, 1f]);

        var result = DataFlowExport.Write(_pool.PathOf("restacked"), sources, path);

        var config = ReadConfig(result.Folder);
        Assert.Equal(2, (int)config["num_hidden_layers"]!);
        Assert.Equal("[\"sliding_attention\",\"full_attention\"]", config["layer_types"]!.ToJsonString());
        using var loaded = DataFlowModel.Load(result.Folder);
        Logits.AssertIdentical(sources.View(path), loaded);
    }

    [Fact]
    public void Layers_of_another_family_are_not_exported_under_the_head_config()
    {
        var a = _pool.Random(ModelPool.Config(layers: 2), seed: 33);
        var b = _pool.Random(ModelPool.Config(layers: 2) with { ModelType = LlamaModelType.Mistral, SlidingWindow = 3 }, seed: 34);
        var sources = DataFlowSources.FromModels([a, b]);

        var error = Assert.Throws<ArgumentException>(() => DataFlowExport.Write(_pool.PathOf("families"), sources, new LayerPath([0, 3], [1f, 1f])));

        Assert.Contains("model_type (Mistral vs Llama)", error.Message);
        Assert.Contains("sliding_window", error.Message);
        Assert.False(Directory.Exists(_pool.PathOf("families")));
    }

    [Fact]
    public void A_recorded_path_that_does_not_fit_the_stored_layers_is_refused_on_load()
    {
        var a = _pool.Random(ModelPool.Config(layers: 2), seed: 20);
        var result = DataFlowExport.Write(_pool.PathOf("edited"), DataFlowSources.FromModels([a]), new LayerPath([0, 1], [1f, 0.5f]));
        string file = Path.Combine(result.Folder, "config.json");
        var config = ReadConfig(result.Folder);
        config["input_layers"] = new JsonArray(0, 2);
        File.WriteAllText(file, config.ToJsonString());
        Assert.Contains("stores 2 layers", Assert.Throws<ArgumentException>(() => DataFlowModel.Load(result.Folder)).Message);
        config["input_layers"] = new JsonArray(0);
        File.WriteAllText(file, config.ToJsonString());
        Assert.Contains("one scale per hop", Assert.Throws<ArgumentException>(() => DataFlowModel.Load(result.Folder)).Message);
        config.Remove("input_scales");
        File.WriteAllText(file, config.ToJsonString());
        Assert.Contains("together", Assert.Throws<ArgumentException>(() => DataFlowModel.Load(result.Folder)).Message);
    }
}
