using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using EvoMerge.Merging.Samples;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Cli.Tests;

[Collection("console")]
public class MergeCommandTests : IDisposable
{
    readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    static float[] Floats(SafeTensorsCheckpoint c, string name) => MemoryMarshal.Cast<byte, float>(c.GetBytes(name)).ToArray();

    [Fact]
    public void Merges_a_golden_config_into_mergekit_tensors_with_side_files()
    {
        string outDir = _tmp.Combine("out");
        var r = CliRunner.Run(RepoPaths.GoldenMergekit, "merge", "cases/ties/config.yml", outDir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(File.Exists(Path.Combine(outDir, "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(outDir, "config.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "evomerge_config.yml")));
        Assert.Equal(outDir, r.Out.Trim().Split('\n')[^1]);
        using var got = SafeTensorsCheckpoint.Open(outDir);
        using var want = SafeTensorsCheckpoint.Open(Path.Combine(RepoPaths.GoldenMergekit, "cases", "ties", "expected.safetensors"));
        foreach (var name in want.TensorNames)
        {
            var g = Floats(got, name);
            var w = Floats(want, name);
            for (int i = 0; i < w.Length; i++) Assert.True(Math.Abs(g[i] - w[i]) <= 1e-5 + 1e-4 * Math.Abs(w[i]), name);
        }
    }

    [Fact]
    public void Invalid_config_reports_all_problems_and_writes_nothing()
    {
        File.WriteAllText(_tmp.Combine("bad.yml"), "merge_method: tie\nmodels:\n  - model: missing_model\n");
        string outDir = _tmp.Combine("out");
        var r = CliRunner.Run(_tmp.Path, "merge", "bad.yml", outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'tie'", r.Err);
        Assert.Contains("missing_model", r.Err);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(_tmp.Path));
    }

    [Fact]
    public void Non_empty_output_is_refused_unless_overwrite()
    {
        string outDir = _tmp.Combine("out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "precious");
        string config = Path.Combine(RepoPaths.GoldenMergekit, "cases", "linear", "config.yml");
        var refused = CliRunner.Run(RepoPaths.GoldenMergekit, "merge", config, outDir);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--overwrite", refused.Err);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(outDir, "keep.txt")));

        // --overwrite replaces a previous EvoMerge output only, never a folder with other files.
        var stillRefused = CliRunner.Run(RepoPaths.GoldenMergekit, "merge", config, outDir, "--overwrite");
        Assert.Equal(2, stillRefused.ExitCode);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(outDir, "keep.txt")));

        File.Delete(Path.Combine(outDir, "keep.txt"));
        Assert.Equal(0, CliRunner.Run(RepoPaths.GoldenMergekit, "merge", config, outDir).ExitCode);
        var replaced = CliRunner.Run(RepoPaths.GoldenMergekit, "merge", config, outDir, "--overwrite");
        Assert.Equal(0, replaced.ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "model.safetensors")));
        Assert.DoesNotContain(Directory.GetDirectories(_tmp.Path), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void Small_shard_size_gives_shards_with_an_index_and_the_same_tensors()
    {
        string config = Path.Combine(RepoPaths.GoldenMergekit, "cases", "task_arithmetic", "config.yml");
        Assert.Equal(0, CliRunner.Run(RepoPaths.GoldenMergekit, "merge", config, _tmp.Combine("one")).ExitCode);
        var r = CliRunner.Run(RepoPaths.GoldenMergekit, "merge", config, _tmp.Combine("many"), "--shard-size", "5KB");
        Assert.True(r.ExitCode == 0, r.Err);
        var shards = Directory.GetFiles(_tmp.Combine("many"), "model-*-of-*.safetensors");
        Assert.True(shards.Length > 1);
        Assert.True(File.Exists(Path.Combine(_tmp.Combine("many"), "model.safetensors.index.json")));
        using var one = SafeTensorsCheckpoint.Open(_tmp.Combine("one"));
        using var many = SafeTensorsCheckpoint.Open(_tmp.Combine("many"));
        Assert.Equal(one.TensorNames.Order(), many.TensorNames.Order());
        foreach (var name in one.TensorNames) Assert.Equal(one.GetBytes(name).ToArray(), many.GetBytes(name).ToArray());
    }

    [Fact]
    public void Bad_shard_size_is_an_input_error()
    {
        var r = CliRunner.Run(RepoPaths.GoldenMergekit, "merge", "cases/linear/config.yml", _tmp.Combine("o"), "--shard-size", "lots");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("lots", r.Err);
    }

    [Fact]
    public void Passthrough_frankenmerge_updates_the_layer_count()
    {
        TinyLlamaCheckpoints.Write(_tmp.Combine("a"), new TinyLlamaShape(Layers: 3), 1, 2);
        TinyLlamaCheckpoints.Write(_tmp.Combine("b"), new TinyLlamaShape(Layers: 3), 1, 3);
        File.WriteAllText(_tmp.Combine("franken.yml"), """
            merge_method: passthrough
            dtype: float32
            slices:
              - sources:
                  - model: a
                    layer_range: [0, 3]
              - sources:
                  - model: b
                    layer_range: [1, 3]
            """);
        var r = CliRunner.Run(_tmp.Path, "merge", "franken.yml", "out");
        Assert.True(r.ExitCode == 0, r.Err);
        var config = JsonNode.Parse(File.ReadAllText(_tmp.Combine("out/config.json")))!;
        Assert.Equal(5, (int)config["num_hidden_layers"]!);
        using var merged = SafeTensorsCheckpoint.Open(_tmp.Combine("out"));
        using var b = SafeTensorsCheckpoint.Open(_tmp.Combine("b"));
        Assert.Equal(b.GetBytes("model.layers.2.mlp.up_proj.weight").ToArray(), merged.GetBytes("model.layers.4.mlp.up_proj.weight").ToArray());
    }

    [Fact]
    public void Resolved_config_reproduces_a_random_merge_exactly()
    {
        TinyLlamaCheckpoints.Write(_tmp.Combine("base"), new TinyLlamaShape(), 1);
        TinyLlamaCheckpoints.Write(_tmp.Combine("a"), new TinyLlamaShape(), 1, 2);
        TinyLlamaCheckpoints.Write(_tmp.Combine("b"), new TinyLlamaShape(), 1, 3);
        File.WriteAllText(_tmp.Combine("dare.yml"), "merge_method: dare_ties\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 0.5, density: 0.5}\n  - model: b\n    parameters: {weight: 0.5, density: 0.5}\n");
        Assert.Equal(0, CliRunner.Run(_tmp.Path, "merge", "dare.yml", "first").ExitCode);
        Assert.Equal(0, CliRunner.Run(_tmp.Path, "merge", "first/evomerge_config.yml", "second").ExitCode);
        Assert.Equal(0, CliRunner.Run(_tmp.Path, "merge", "dare.yml", "third").ExitCode);
        using var first = SafeTensorsCheckpoint.Open(_tmp.Combine("first"));
        using var second = SafeTensorsCheckpoint.Open(_tmp.Combine("second"));
        using var third = SafeTensorsCheckpoint.Open(_tmp.Combine("third"));
        const string name = "model.layers.0.mlp.up_proj.weight";
        Assert.Equal(first.GetBytes(name).ToArray(), second.GetBytes(name).ToArray());
        Assert.NotEqual(first.GetBytes(name).ToArray(), third.GetBytes(name).ToArray()); // no seed given: a fresh one each time
    }

    [Fact]
    public void Pickle_checkpoints_are_refused_with_a_conversion_hint()
    {
        Directory.CreateDirectory(_tmp.Combine("pickled"));
        File.WriteAllBytes(_tmp.Combine("pickled/pytorch_model.bin"), [0x80, 0x02, 0x7d, 0x71]);
        File.WriteAllText(_tmp.Combine("p.yml"), "merge_method: linear\nmodels:\n  - model: pickled\n    parameters: {weight: 1}\n");
        var r = CliRunner.Run(_tmp.Path, "merge", "p.yml", "out");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("arbitrary code", r.Err);
        Assert.Contains("safetensors", r.Err);
    }

    [Fact]
    public void Help_explains_the_options()
    {
        var r = CliRunner.Run(_tmp.Path, "merge", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--shard-size", r.Out);
        Assert.Contains("--overwrite", r.Out);
        Assert.Contains("--device", r.Out);
    }

    [Fact]
    public void Cuda_without_a_device_is_a_clear_error()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // a CUDA machine runs it for real
        var r = CliRunner.Run(RepoPaths.GoldenMergekit, "merge", "cases/linear/config.yml", _tmp.Combine("o"), "--device", "cuda");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("CUDA", r.Err);
    }
}

[Collection("console")]
public class HelpTests
{
    [Theory]
    [InlineData("experiment m2n2-digits --help", "--panel")]
    [InlineData("benchmark optimizers --help", "--quick")]
    [InlineData("benchmark merge --help", "--elements")]
    [InlineData("benchmark lm --help", "--large-tensor")]
    [InlineData("--help", "merge")]
    public void Every_command_explains_its_options(string args, string expected)
    {
        var r = CliRunner.Run(Path.GetTempPath(), args.Split(' '));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(expected, r.Out);
    }

    [Fact]
    public void Unknown_lm_benchmark_family_is_an_input_error_listing_the_supported_ones()
    {
        var r = CliRunner.Run(Path.GetTempPath(), "benchmark", "lm", "--families", "llama,gpt2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'gpt2' is not supported; supported: llama, mistral, qwen2, qwen3, gemma, gemma2, gemma3_text, phi3", r.Err);
    }

    [Fact]
    public void Unknown_panel_is_an_input_error()
    {
        var r = CliRunner.Run(Path.GetTempPath(), "experiment", "m2n2-digits", "--panel", "sideways", "--runs", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("sideways", r.Err);
    }
}
