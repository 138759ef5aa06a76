using EvoMerge.Merging.Samples;
using EvoMerge.Models.Tokenizers;
using EvoMerge.SafeTensors;

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
}
