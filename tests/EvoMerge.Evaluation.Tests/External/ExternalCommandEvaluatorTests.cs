using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.External;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.External;

public sealed class ExternalCommandEvaluatorTests : IDisposable
{
    private readonly TempFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private EvaluationResult Evaluate(string command, Func<ExternalCommandOptions, ExternalCommandOptions>? edit = null, params string[] metrics)
    {
        var options = ExternalEvaluatorFactory.Options(command, _scratch.Path, metrics);
        using var evaluator = new ExternalCommandEvaluator(edit is null ? options : edit(options));
        return evaluator.Evaluate(TinyModel.Create(), CancellationToken.None);
    }

    [Fact]
    public void Staging_writes_the_candidate_before_the_command_runs_and_disposing_removes_it()
    {
        var options = ExternalEvaluatorFactory.Options("""test -f {model}/model.safetensors && echo '{"accuracy": 0.5}'""", _scratch.Path, []);
        using var evaluator = new ExternalCommandEvaluator(options);

        using (var staged = evaluator.Stage(TinyModel.Create(), CancellationToken.None))
        {
            var folder = Assert.Single(Directory.GetDirectories(_scratch.Path));
            Assert.True(File.Exists(Path.Combine(folder, "model", "model.safetensors")));
            Assert.Equal(0.5, staged.Evaluate(CancellationToken.None).Metrics["accuracy"]);
            Assert.True(Directory.Exists(folder), "the staged files stay until the staged evaluation is disposed");
        }

        Assert.True(_scratch.IsEmpty);
    }

    [Fact]
    public void Reads_the_metrics_a_command_prints_and_cleans_up()
    {
        var result = Evaluate("""echo {model} >/dev/null; echo '{"accuracy": 0.5}'""");

        Assert.Equal(0.5, result.Metrics["accuracy"]);
        Assert.Null(result.PerExampleScores);
        Assert.True(_scratch.IsEmpty);
    }

    [Fact]
    public void The_last_json_line_of_stdout_wins_and_per_example_scores_come_along()
    {
        var result = Evaluate("""
            echo {model}; echo '{"accuracy": 0.1}'; echo 'progress 50%'
            echo '{"accuracy": 0.75, "loss": 2, "per_example": [1, 0, 1, 1]}'; echo done
            """, null, "accuracy", "loss");

        Assert.Equal(0.75, result.Metrics["accuracy"]);
        Assert.Equal(2.0, result.Metrics["loss"]);
        Assert.Equal([1.0, 0, 1, 1], result.PerExampleScores!);
    }

    [Fact]
    public void Reads_a_metrics_file_when_the_command_names_output()
    {
        var result = Evaluate("""echo '{"results": {"arc": {"acc,none": 0.25}}}' > {output}; echo '{"acc": 9}'; echo {model}""",
                              null, "results.arc.acc,none");

        Assert.Equal(0.25, result.Metrics["results.arc.acc,none"]);
    }

    [Fact]
    public void The_model_folder_holds_the_weights_and_the_base_models_other_files()
    {
        using var baseModel = new TempFolder();
        File.WriteAllText(baseModel.Combine("config.json"), """{"model_type": "llama"}""");
        File.WriteAllText(baseModel.Combine("tokenizer.json"), "{}");
        File.WriteAllText(baseModel.Combine("model.safetensors"), "not the merged weights");
        File.WriteAllText(baseModel.Combine("pytorch_model.bin"), "old weights");
        using var copy = new TempFolder();
        var command = $$"""
            test -f {model}/model.safetensors && test -f {model}/config.json && test -f {model}/tokenizer.json \
              && test ! -e {model}/pytorch_model.bin && cp {model}/model.safetensors '{{copy.Path}}/' \
              && echo '{"ok": 1}'
            """;

        var result = Evaluate(command, o => o with { BaseModelFolder = baseModel.Path }, "ok");

        Assert.Equal(1.0, result.Metrics["ok"]);
        var written = MergedModel.ReadSafeTensors(copy.Combine("model.safetensors"));
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], written.Tensors["w"].Float32Values.ToArray());
        Assert.Equal([2L, 3L], written.Tensors["w"].Shape);
        Assert.Equal(TinyModel.Create().Tensors["h"].Bytes.ToArray(), written.Tensors["h"].Bytes.ToArray());
        Assert.True(_scratch.IsEmpty);
    }

    [Fact]
    public void Paths_with_quotes_and_spaces_reach_the_command_intact()
    {
        using var odd = new TempFolder(" it's odd");

        var result = Evaluate("""test -f {model}/model.safetensors && echo '{"accuracy": 1}'""", o => o with { ScratchRoot = odd.Path });

        Assert.Equal(1.0, result.Metrics["accuracy"]);
        Assert.True(odd.IsEmpty);
    }

    [Fact]
    public void Environment_working_directory_and_data_file_are_passed_on()
    {
        using var work = new TempFolder();
        var data = Path.Combine(work.Path, "data.jsonl");
        File.WriteAllText(data, "{}\n");
        var command = """
            test "$(pwd)" = "$WORK" && test -f {data} && test "$EVOMERGE_MODEL_DIR" = {model} && test -z "$EVOMERGE_UNSET_ME" \
              && echo "{\"accuracy\": $SCORE}"
            """;
        Environment.SetEnvironmentVariable("EVOMERGE_UNSET_ME", "present");
        try
        {
            var result = Evaluate(command, o => o with
            {
                WorkingDirectory = work.Path,
                DataFile = data,
                Environment = new Dictionary<string, string?> { ["SCORE"] = "0.125", ["WORK"] = work.Path, ["EVOMERGE_UNSET_ME"] = null },
            });

            Assert.Equal(0.125, result.Metrics["accuracy"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EVOMERGE_UNSET_ME", null);
        }
    }
}
