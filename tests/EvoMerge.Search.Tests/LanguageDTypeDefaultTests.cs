using System.Text.Json.Nodes;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Samples;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;

namespace EvoMerge.Search.Tests;

/// <summary>A language task without <c>dtype</c> runs in the checkpoint's own dtype.</summary>
public sealed class LanguageDTypeDefaultTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "evomerge-lm-dtype-" + Guid.NewGuid().ToString("N"));

    public LanguageDTypeDefaultTests()
    {
        var shape = new TinyLlamaShape(Hidden: 8, Intermediate: 12, Layers: 1, Vocab: 16);
        foreach (var (name, seed) in new[] { ("base", (ulong?)null), ("a", 2UL), ("b", 3UL) })
            TinyLlamaCheckpoints.Write(Path.Combine(_folder, "models", name), shape, baseSeed: 1, expertSeed: seed);
        File.WriteAllLines(Path.Combine(_folder, "text.jsonl"), ["{\"text\": \"one two\"}"]);
    }

    string Model(string name) => Path.Combine(_folder, "models", name);

    SearchConfig Parse(string taskExtra = "", string models = "{base: models/base, experts: [models/a, models/b]}") =>
        SearchConfigParser.Parse($$"""
            seed: 3
            models: {{models}}
            merge: {method: linear}
            optimizer: {name: cmaes}
            budget: {evaluations: 4}
            tasks:
              - {name: text, evaluator: language, kind: perplexity, data: text.jsonl, metric: neg_nll{{taskExtra}}}
            """, _folder, "lm.yml", "lm");

    static string DType(SearchConfig config) => config.Tasks[0].SettingsAs<EvoMerge.Search.Tasks.Language.LanguageTaskSpec>().DType;

    void SetConfigKey(string model, string key, string? value)
    {
        string path = Path.Combine(Model(model), "config.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Remove("torch_dtype");
        if (value is not null) json[key] = value;
        File.WriteAllText(path, json.ToJsonString());
    }

    /// <summary>Rewrites a model's weights in another dtype (values do not matter: only headers are read).</summary>
    void RewriteWeights(string model, SafeTensorDType dtype)
    {
        var source = MergedModel.ReadSafeTensors(Model(model));
        foreach (var file in Directory.GetFiles(Model(model), "*.safetensors*")) File.Delete(file);
        var converted = source.Tensors.Select(t => new KeyValuePair<string, MergedTensor>(t.Key,
            MergedTensor.FromBytes(dtype, t.Value.ShapeArray(), new byte[t.Value.ElementCount * 2])));
        new MergedModel(converted).WriteSafeTensors(Model(model));
    }

    [Fact]
    public void Float32_checkpoints_keep_float32_as_the_toy_experiment_and_existing_tests_expect()
    {
        Assert.Equal("float32", DType(Parse()));
    }

    [Theory]
    [InlineData("torch_dtype", "bfloat16", "bfloat16")]
    [InlineData("torch_dtype", "float16", "bfloat16")]
    [InlineData("dtype", "bfloat16", "bfloat16")]
    [InlineData("torch_dtype", "float32", "float32")]
    public void The_base_models_config_json_decides(string key, string value, string expected)
    {
        SetConfigKey("base", key, value);

        Assert.Equal(expected, DType(Parse()));
    }

    [Fact]
    public void Without_a_dtype_in_config_json_the_weights_decide()
    {
        SetConfigKey("base", "torch_dtype", null);
        Assert.Equal("float32", DType(Parse()));

        RewriteWeights("base", SafeTensorDType.BF16);
        Assert.Equal("bfloat16", DType(Parse()));
    }

    [Fact]
    public void Without_a_base_the_first_expert_decides()
    {
        SetConfigKey("a", "torch_dtype", "bfloat16");

        Assert.Equal("bfloat16", DType(Parse(models: "{experts: [models/a, models/b]}")));
        Assert.Equal("float32", DType(Parse(models: "{experts: [models/b, models/a]}")));
    }

    [Fact]
    public void An_explicit_dtype_wins_and_the_resolved_dtype_is_written_back()
    {
        SetConfigKey("base", "torch_dtype", "bfloat16");

        Assert.Equal("float32", DType(Parse(", dtype: float32")));
        var resolved = Parse();
        var yaml = SearchConfigWriter.ToYaml(resolved);
        Assert.Contains("dtype: bfloat16", yaml);
        // The stored config keeps its dtype even if the checkpoint's config.json changes later.
        SetConfigKey("base", "torch_dtype", "float32");
        var reread = SearchConfigParser.Parse(yaml, _folder, "config.yml", "lm");
        Assert.Equal("bfloat16", DType(reread));
        Assert.Equal(SearchConfigWriter.SearchHash(resolved), SearchConfigWriter.SearchHash(reread));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
