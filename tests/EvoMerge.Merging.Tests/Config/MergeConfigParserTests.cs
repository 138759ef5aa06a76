using EvoMerge.Merging.Config;
using EvoMerge.Models.HuggingFace;

namespace EvoMerge.Merging.Tests.Config;

public class MergeConfigParserTests
{
    [Fact]
    public void Parses_every_golden_config()
    {
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoPaths.GoldenMergekit, "cases")))
        {
            var config = MergeConfigParser.ParseFile(Path.Combine(dir, "config.yml"), RepoPaths.GoldenMergekit);
            Assert.False(string.IsNullOrEmpty(config.MergeMethod));
            Assert.NotNull(config.Models);
            Assert.All(config.ReferencedModels(), m => Assert.True(Path.IsPathRooted(m)));
        }
    }

    [Fact]
    public void Model_paths_resolve_against_the_working_directory()
    {
        var config = MergeConfigParser.Parse("merge_method: linear\nmodels:\n  - model: ./m/a\n", "/data/work");
        Assert.Equal("/data/work/m/a", config.Models![0].Model);
    }

    [Fact]
    public void An_org_name_model_resolves_to_its_snapshot_in_the_local_hugging_face_cache()
    {
        using var temp = new TempFolder();
        string hub = temp.Combine("hub");
        string repo = Path.Combine(hub, "models--acme--expert-c");
        string snapshot = Path.Combine(repo, "snapshots", "abc123");
        Directory.CreateDirectory(snapshot);
        Directory.CreateDirectory(Path.Combine(repo, "refs"));
        File.WriteAllText(Path.Combine(repo, "refs", "main"), "abc123");
        Directory.CreateDirectory(temp.Combine("work", "local", "model"));
        var cache = new HubCache(name => name == "HF_HUB_CACHE" ? hub : null);

        var config = MergeConfigParser.Parse("merge_method: linear\nbase_model: acme/expert-c\nmodels:\n  - model: local/model\n", temp.Combine("work"), "test.yml", cache);
        Assert.Equal(snapshot, config.BaseModel);
        Assert.Equal(temp.Combine("work", "local", "model"), config.Models![0].Model); // a local folder wins

        var error = Assert.Throws<MergeConfigException>(() =>
            MergeConfigParser.Parse("merge_method: linear\nmodels:\n  - model: acme/absent\n", temp.Combine("work"), "test.yml", cache));
        Assert.Contains("models[0].model: acme/absent", error.Message, StringComparison.Ordinal);
        Assert.Contains("huggingface-cli download acme/absent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_slices_gradients_filters_and_top_level_fields()
    {
        const string yaml = """
            merge_method: slerp
            base_model: a
            dtype: bfloat16
            out_dtype: float16
            random_seed: 7
            parameters:
              t:
                - filter: self_attn
                  value: [0, 0.5, 1]
                - value: 0.5
            slices:
              - sources:
                  - model: a
                    layer_range: [0, 4]
                  - model: b
                    layer_range: [2, 6]
                    parameters:
                      weight: 0.3
            """;
        var c = MergeConfigParser.Parse(yaml, "/w");
        Assert.Equal("bfloat16", c.DType);
        Assert.Equal("float16", c.OutDType);
        Assert.Equal(7, c.RandomSeed);
        var s = Assert.Single(c.Slices!);
        Assert.Equal(2, s.Sources[1].Start);
        Assert.Equal(6, s.Sources[1].End);
        Assert.Equal(0.3, s.Sources[1].Parameters.Evaluate("weight", "x", 0));
        Assert.Equal(0.25, c.Parameters.Evaluate("t", "model.layers.0.self_attn.q_proj.weight", 0.25)!.Value, 12);
        Assert.Equal(0.5, c.Parameters.Evaluate("t", "model.layers.0.mlp.up_proj.weight", 0.25));
    }

    [Fact]
    public void Reports_every_problem_at_once_with_field_paths()
    {
        const string yaml = """
            merge_method: ties
            bogus_field: 1
            random_seed: -3
            tokenizer_source: union
            models:
              - model: a
                parameters:
                  density: lots
              - modle: b
            """;
        var e = Assert.Throws<MergeConfigException>(() => MergeConfigParser.Parse(yaml, "/w", "my.yml"));
        Assert.Contains(e.Problems, p => p.Contains("bogus_field") && p.Contains("unknown field"));
        Assert.Contains(e.Problems, p => p.Contains("random_seed"));
        Assert.Contains(e.Problems, p => p.Contains("union"));
        Assert.Contains(e.Problems, p => p.Contains("models[0].parameters.density") && p.Contains("lots"));
        Assert.Contains(e.Problems, p => p.Contains("models[1].modle"));
        Assert.All(e.Problems, p => Assert.StartsWith("my.yml: ", p));
    }

    [Fact]
    public void Invalid_yaml_names_the_line()
    {
        var e = Assert.Throws<MergeConfigException>(() => MergeConfigParser.Parse("merge_method: linear\n  models: x\n bad: [", "/w", "bad.yml"));
        Assert.Contains("bad.yml", e.Message);
        Assert.Contains("line", e.Message);
        var unclosed = Assert.Throws<MergeConfigException>(() => MergeConfigParser.Parse("merge_method: [linear\nmodels: x", "/w", "bad.yml"));
        Assert.StartsWith("bad.yml: invalid YAML at line ", unclosed.Message);
        Assert.Contains("at line 1, column 15: '[' opened here is never closed", unclosed.Message);
        Assert.DoesNotContain("current state of the object", unclosed.Message);
    }

    [Fact]
    public void Models_and_slices_together_are_refused()
    {
        const string yaml = "merge_method: linear\nmodels:\n  - model: a\nslices:\n  - sources:\n      - model: a\n        layer_range: [0, 1]\n";
        var e = Assert.Throws<MergeConfigException>(() => MergeConfigParser.Parse(yaml, "/w"));
        Assert.Contains(e.Problems, p => p.Contains("either models or slices"));
    }

    [Fact]
    public void Writer_output_parses_back_to_the_same_config()
    {
        const string yaml = """
            merge_method: dare_ties
            base_model: base
            dtype: float32
            random_seed: 11
            parameters:
              normalize: 1
            models:
              - model: a
                parameters:
                  weight: [0.1, 0.7, 0.3]
                  density:
                    - filter: mlp
                      value: 0.4
                    - value: 0.9
              - model: b
                parameters:
                  weight: 0.123456789012345
            """;
        var original = MergeConfigParser.Parse(yaml, "/w");
        var again = MergeConfigParser.Parse(MergeConfigWriter.ToYaml(original), "/elsewhere");
        Assert.Equal(MergeConfigWriter.ToYaml(original), MergeConfigWriter.ToYaml(again));
        Assert.Equal(0.123456789012345, again.Models![1].Parameters.Evaluate("weight", "x", 0));
    }
}
