using EvoMerge.Merging.Samples;
using EvoMerge.Models.Tokenizers;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Cli.Tests;

/// <summary>`evomerge fisher` on language model folders, and a fisher merge of two tiny Llamas with the result.</summary>
[Collection("console")]
public sealed class FisherCommandTests : IDisposable
{
    readonly TempFolder _tmp = new();

    public FisherCommandTests()
    {
        string[] texts = ["one two three four", "the cat sat on the mat"];
        var tokenizer = WordLevelTokenizer.Build(texts);
        foreach (var (name, seed) in new[] { ("a", 2UL), ("b", 3UL) })
        {
            TinyLlamaCheckpoints.Write(_tmp.Combine(name), new TinyLlamaShape(), baseSeed: 1, expertSeed: seed, noise: 0.05);
            tokenizer.Save(_tmp.Combine(name));
        }
        File.WriteAllLines(_tmp.Combine("choice.jsonl"),
            ["{\"prompt\": \"one two\", \"choices\": [\"three\", \"mat\"], \"answer\": 0}", "{\"prompt\": \"the cat\", \"choices\": [\"sat\", \"four\"], \"answer\": 0}"]);
    }

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Writes_each_language_models_fisher_and_a_fisher_merge_uses_it()
    {
        var r = CliRunner.Run(_tmp.Path, "fisher", "a", "b", "--data", "choice.jsonl", "--examples", "2");
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var model in new[] { "a", "b" })
        {
            var header = SafeTensorsCheckpoint.ReadHeaders(_tmp.Combine(model, "fisher"));
            var weights = SafeTensorsCheckpoint.ReadHeaders(_tmp.Combine(model));
            Assert.Equal(weights.TensorNames.Order(), header.TensorNames.Order());
            Assert.All(header.TensorNames, n => Assert.Equal(weights.Tensors[n].Shape, header.Tensors[n].Shape));
        }

        File.WriteAllText(_tmp.Combine("merge.yml"), "merge_method: fisher\nmodels:\n  - model: a\n  - model: b\n");
        r = CliRunner.Run(_tmp.Path, "merge", "merge.yml", "out");
        Assert.True(r.ExitCode == 0, r.Err);
        using var merged = SafeTensorsCheckpoint.Open(_tmp.Combine("out"));
        Assert.Equal(SafeTensorsCheckpoint.ReadHeaders(_tmp.Combine("a")).TensorNames.Order(), merged.TensorNames.Order());
    }

    [Fact]
    public void A_task_without_targets_is_refused_naming_the_file_and_nothing_is_written()
    {
        File.WriteAllLines(_tmp.Combine("odd.jsonl"), ["{\"sentence\": \"one two\"}"]);
        var r = CliRunner.Run(_tmp.Path, "fisher", "a", "--data", "odd.jsonl");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("odd.jsonl, line 1: cannot tell the task's kind", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.False(Directory.Exists(_tmp.Combine("a", "fisher")));
    }

    [Fact]
    public void A_merge_config_naming_the_task_data_estimates_the_fisher_next_to_the_output_as_the_fisher_command_would()
    {
        File.WriteAllText(_tmp.Combine("merge.yml"), "merge_method: fisher\nparameters: {fisher_data: choice.jsonl}\nmodels:\n  - model: a\n  - model: b\n");
        var r = CliRunner.Run(_tmp.Path, "merge", "merge.yml", "out");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(2, Directory.GetDirectories(_tmp.Combine("out.fisher")).Length);
        Assert.False(Directory.Exists(_tmp.Combine("a", "fisher")));
        // The written config keeps the field, so the recipe reproduces the merge.
        Assert.Contains("fisher_data:", File.ReadAllText(_tmp.Combine("out", "evomerge_config.yml")));

        r = CliRunner.Run(_tmp.Path, "fisher", "a", "b", "--data", "choice.jsonl");
        Assert.True(r.ExitCode == 0, r.Err);
        File.WriteAllText(_tmp.Combine("plain.yml"), "merge_method: fisher\nmodels:\n  - model: a\n  - model: b\n");
        r = CliRunner.Run(_tmp.Path, "merge", "plain.yml", "reference");
        Assert.True(r.ExitCode == 0, r.Err);
        using var got = SafeTensorsCheckpoint.Open(_tmp.Combine("out"));
        using var want = SafeTensorsCheckpoint.Open(_tmp.Combine("reference"));
        Assert.All(want.TensorNames, n => Assert.True(got.GetBytes(n).SequenceEqual(want.GetBytes(n)), n));
    }

    [Fact]
    public void Missing_task_data_in_a_merge_config_is_refused_naming_the_model_and_nothing_is_written()
    {
        File.WriteAllText(_tmp.Combine("merge.yml"), "merge_method: fisher\nmodels:\n  - model: a\n    parameters: {fisher_data: nowhere.jsonl}\n  - model: b\n");
        var r = CliRunner.Run(_tmp.Path, "merge", "merge.yml", "out");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains($"{_tmp.Combine("a")}: fisher_data {_tmp.Combine("nowhere.jsonl")}: file not found", r.Err);
        Assert.Contains($"{_tmp.Combine("b")}: merge_method 'fisher' needs the model's diagonal Fisher information", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.False(Directory.Exists(_tmp.Combine("out")));
        Assert.False(Directory.Exists(_tmp.Combine("out.fisher")));
    }
}
