using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using EvoMerge.Merging.Samples;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.Cli.Tests;

/// <summary>What `merge` refuses in its inputs: tensors only later models hold, non-finite numbers, odd dtypes, unsafe side files, bad YAML.</summary>
[Collection("console")]
public class MergeInputChecksTests : IDisposable
{
    readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>Rewrites the checkpoint in <paramref name="folder"/> with each tensor passed through <paramref name="change"/> (null drops it).</summary>
    static void Rewrite(string folder, Func<string, float[], (SafeTensorDType DType, byte[] Bytes)?> change)
    {
        var tensors = new List<(TensorSpec Spec, byte[] Bytes)>();
        using (var source = SafeTensorsCheckpoint.Open(folder))
            foreach (var name in source.TensorNames)
            {
                var info = source.GetInfo(name);
                if (change(name, MemoryMarshal.Cast<byte, float>(source.GetBytes(name)).ToArray()) is { } changed)
                    tensors.Add((new TensorSpec(name, changed.DType, info.Shape), changed.Bytes));
            }
        File.Delete(Path.Combine(folder, "model.safetensors"));
        using var writer = CheckpointWriter.Create(folder, tensors.Select(t => t.Spec).ToList(), CheckpointFiles.DefaultShardSize);
        foreach (var (spec, bytes) in tensors) writer.Write(spec.Name, bytes);
        writer.Commit();
    }

    static (SafeTensorDType, byte[]) F32(float[] values) => (SafeTensorDType.F32, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    static (SafeTensorDType, byte[]) BF16(float[] values) =>
        (SafeTensorDType.BF16, MemoryMarshal.AsBytes(values.Select(v => (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16)).ToArray().AsSpan()).ToArray());

    void TwoModels()
    {
        TinyLlamaCheckpoints.Write(_tmp.Combine("a"), new TinyLlamaShape(), 1, 2);
        TinyLlamaCheckpoints.Write(_tmp.Combine("b"), new TinyLlamaShape(), 1, 3);
    }

    CliRunner.Result Merge(string yaml, params string[] extra)
    {
        File.WriteAllText(_tmp.Combine("m.yml"), yaml);
        return CliRunner.Run(_tmp.Path, ["merge", "m.yml", "out", .. extra]);
    }

    const string Linear = "merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 0.5}\n  - model: b\n    parameters: {weight: 0.5}\n";

    [Fact]
    public void Tensor_missing_from_the_first_model_is_an_error_not_dropped()
    {
        TwoModels();
        Rewrite(_tmp.Combine("a"), (name, values) => name == "model.norm.weight" ? null : F32(values));
        var r = Merge(Linear);
        Assert.Equal(2, r.ExitCode);
        CliRunner.AssertErr(r, "'model.norm.weight'");
        CliRunner.AssertErr(r, "missing from " + _tmp.Combine("a"));
        Assert.False(Directory.Exists(_tmp.Combine("out")));
    }

    [Fact]
    public void Layer_tensor_missing_from_the_first_model_is_an_error()
    {
        TwoModels();
        Rewrite(_tmp.Combine("a"), (name, values) => name.EndsWith("mlp.up_proj.weight", StringComparison.Ordinal) ? null : F32(values));
        var r = Merge(Linear);
        Assert.Equal(2, r.ExitCode);
        CliRunner.AssertErr(r, "mlp.up_proj.weight");
    }

    [Fact]
    public void Huge_weight_making_infinite_outputs_is_refused()
    {
        TwoModels();
        var r = Merge("merge_method: linear\nparameters: {normalize: false}\nmodels:\n  - model: a\n    parameters: {weight: 1e308}\n  - model: b\n    parameters: {weight: 1e308}\n");
        Assert.Equal(2, r.ExitCode);
        CliRunner.AssertErr(r, "NaN or infinity");
        Assert.False(Directory.Exists(_tmp.Combine("out")));
        Assert.Equal(["a", "b", "m.yml"], Directory.EnumerateFileSystemEntries(_tmp.Path).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData(float.NaN, "ties")]
    [InlineData(float.PositiveInfinity, "linear")]
    [InlineData(float.NaN, "slerp")]
    public void Non_finite_input_is_an_error_unless_allowed(float bad, string method)
    {
        TwoModels();
        Rewrite(_tmp.Combine("b"), (name, values) =>
        {
            if (name == "model.layers.1.mlp.down_proj.weight") values[7] = bad;
            return F32(values);
        });
        string yaml = method switch
        {
            "slerp" => "merge_method: slerp\nbase_model: a\nparameters: {t: 0.5}\nmodels:\n  - model: a\n  - model: b\n",
            "ties" => "merge_method: ties\nbase_model: a\nmodels:\n  - model: b\n    parameters: {weight: 1, density: 0.5}\n",
            _ => Linear,
        };
        var refused = Merge(yaml);
        Assert.Equal(2, refused.ExitCode);
        CliRunner.AssertErr(refused, _tmp.Combine("b"));
        CliRunner.AssertErr(refused, "'model.layers.1.mlp.down_proj.weight'");
        CliRunner.AssertErr(refused, "element 7");
        CliRunner.AssertErr(refused, "--allow-non-finite");
        Assert.False(Directory.Exists(_tmp.Combine("out")));

        var allowed = Merge(yaml, "--allow-non-finite");
        Assert.True(allowed.ExitCode == 0, allowed.Err);
        CliRunner.AssertErr(allowed, "warning: " + _tmp.Combine("b"));
    }

    [Fact]
    public void Output_dtype_comes_from_all_inputs_not_the_first_model()
    {
        TwoModels();
        Rewrite(_tmp.Combine("a"), (_, values) => BF16(values));
        var r = Merge(Linear);
        Assert.True(r.ExitCode == 0, r.Err);
        using var merged = SafeTensorsCheckpoint.Open(_tmp.Combine("out"));
        Assert.All(merged.TensorNames, name => Assert.Equal(SafeTensorDType.F32, merged.GetInfo(name).DType));
        Assert.Equal("float32", (string)JsonNode.Parse(File.ReadAllText(_tmp.Combine("out/config.json")))!["torch_dtype"]!);

        File.WriteAllText(_tmp.Combine("bf.yml"), "dtype: bfloat16\n" + Linear);
        Assert.Equal(0, CliRunner.Run(_tmp.Path, "merge", "bf.yml", "out3").ExitCode);
        using var bf = SafeTensorsCheckpoint.Open(_tmp.Combine("out3"));
        Assert.Equal(SafeTensorDType.BF16, bf.GetInfo("model.norm.weight").DType);
    }

    [Fact]
    public void Integer_first_model_does_not_turn_the_output_integer()
    {
        TwoModels();
        Rewrite(_tmp.Combine("a"), (_, values) => (SafeTensorDType.I32, MemoryMarshal.AsBytes(values.Select(v => (int)(v * 1000)).ToArray().AsSpan()).ToArray()));
        var r = Merge(Linear);
        Assert.Equal(2, r.ExitCode);
        CliRunner.AssertErr(r, "I32");
        CliRunner.AssertErr(r, "dequantize");
        Assert.False(Directory.Exists(_tmp.Combine("out")));
    }

    [Fact]
    public void Symlinked_side_files_leading_outside_the_model_are_not_followed()
    {
        TwoModels();
        File.WriteAllText(_tmp.Combine("secret.txt"), "root:hash:secret");
        File.CreateSymbolicLink(_tmp.Combine("a/tokenizer.json"), _tmp.Combine("secret.txt"));
        File.WriteAllText(_tmp.Combine("a/vocab.real"), "{\"a\": 0}");
        File.CreateSymbolicLink(_tmp.Combine("a/vocab.json"), "vocab.real");
        File.WriteAllText(_tmp.Combine("a/tokenizer_config.json"), "{}");
        var r = Merge(Linear);
        Assert.True(r.ExitCode == 0, r.Err);
        CliRunner.AssertErr(r, "tokenizer.json: a symbolic link to " + _tmp.Combine("secret.txt"));
        Assert.False(File.Exists(_tmp.Combine("out/tokenizer.json")));
        Assert.Equal("{\"a\": 0}", File.ReadAllText(_tmp.Combine("out/vocab.json")));
        Assert.Equal("{}", File.ReadAllText(_tmp.Combine("out/tokenizer_config.json")));
        Assert.Null(new FileInfo(_tmp.Combine("out/vocab.json")).LinkTarget);
    }

    [Fact]
    public void Hugging_face_cache_snapshot_links_into_blobs_are_followed()
    {
        // models--org--name/snapshots/REV/FILE -> ../../blobs/HASH, as huggingface_hub lays out its cache.
        string repo = _tmp.Combine("hub/models--org--a");
        string snapshot = Path.Combine(repo, "snapshots", "rev1");
        TinyLlamaCheckpoints.Write(snapshot, new TinyLlamaShape(), 1, 2);
        TinyLlamaCheckpoints.Write(_tmp.Combine("b"), new TinyLlamaShape(), 1, 3);
        Directory.CreateDirectory(Path.Combine(repo, "blobs"));
        File.Move(Path.Combine(snapshot, "config.json"), Path.Combine(repo, "blobs", "c0ffee"));
        File.CreateSymbolicLink(Path.Combine(snapshot, "config.json"), "../../blobs/c0ffee");
        File.WriteAllText(Path.Combine(repo, "blobs", "beef"), "{\"model\": {}}");
        File.CreateSymbolicLink(Path.Combine(snapshot, "tokenizer.json"), "../../blobs/beef");
        var r = Merge(Linear.Replace("model: a", "model: hub/models--org--a/snapshots/rev1"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("{\"model\": {}}", File.ReadAllText(_tmp.Combine("out/tokenizer.json")));
        Assert.True(File.Exists(_tmp.Combine("out/config.json")));
    }

    [Fact]
    public void Symlinked_config_json_leading_outside_the_model_is_refused()
    {
        TwoModels();
        File.Move(_tmp.Combine("b/config.json"), _tmp.Combine("elsewhere.json"));
        File.CreateSymbolicLink(_tmp.Combine("b/config.json"), _tmp.Combine("elsewhere.json"));
        var r = Merge(Linear);
        Assert.Equal(2, r.ExitCode);
        CliRunner.AssertErr(r, _tmp.Combine("b/config.json") + ": a symbolic link");
    }

    [Fact]
    public void Tokenizer_source_that_is_not_a_model_folder_is_refused()
    {
        TwoModels();
        var r = Merge("tokenizer_source: /etc\n" + Linear);
        Assert.Equal(2, r.ExitCode);
        CliRunner.AssertErr(r, "tokenizer_source: /etc: not a model folder");
    }

    [Theory]
    [InlineData("merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: [0.5, 1\n", 4)]
    [InlineData("merge_method: linear\nmodels: [a, b", 2)]
    [InlineData("merge_method: linear\nmodels: [{model: a, parameters: {weight: 1}\n", 2)]
    [InlineData("merge_method: linear\nparameters: {weight: 0.5\nmodels:\n  - model: a\n", 2)]
    public void Unclosed_bracket_names_file_line_and_column(string yaml, int line)
    {
        File.WriteAllText(_tmp.Combine("bad.yml"), yaml);
        var r = CliRunner.Run(_tmp.Path, "merge", "bad.yml", "out");
        Assert.Equal(2, r.ExitCode);
        CliRunner.AssertErr(r, _tmp.Combine("bad.yml") + ": invalid YAML at line ");
        // The error's own position and the bracket never closed, or that bracket alone.
        Assert.Matches($"line {line}, column \\d+(: '.' opened here| is never closed)", r.Err);
        Assert.DoesNotContain("current state of the object", r.Err);
    }
}
