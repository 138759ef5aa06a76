using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.External;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.External;

/// <summary>The free-space check before a candidate is written to the scratch root.</summary>
public sealed class ExternalCommandScratchSpaceTests : IDisposable
{
    private const string Succeeds = """test -f {model}/model.safetensors && echo '{"accuracy": 1}'""";

    private readonly TempFolder _scratch = new();
    private readonly TempFolder _marker = new();

    public void Dispose()
    {
        _scratch.Dispose();
        _marker.Dispose();
    }

    [Fact]
    public void A_full_disk_fails_the_trial_naming_the_folder_and_the_bytes_before_anything_is_written()
    {
        var probed = new List<string>();
        var command = $$"""touch '{{_marker.Combine("ran")}}'; echo {model}; echo '{"accuracy": 1}'""";
        var options = ExternalEvaluatorFactory.Options(command, _scratch.Path) with
        {
            FreeSpaceProbe = folder => { probed.Add(folder); return 7; },
        };
        using var evaluator = new ExternalCommandEvaluator(options);

        var e = Assert.Throws<EvaluationFailedException>(() => evaluator.Evaluate(TinyModel.Create(), CancellationToken.None));

        Assert.Equal([Path.GetFullPath(_scratch.Path)], probed);
        Assert.Contains($"scratch folder {Path.GetFullPath(_scratch.Path)}", e.Reason);
        Assert.Contains("but 7 bytes (7 B) are available", e.Reason);
        Assert.Matches(@"needs about \d+ bytes", e.Reason);
        Assert.Contains("--scratch", e.Reason);
        Assert.True(_scratch.IsEmpty);
        Assert.False(File.Exists(_marker.Combine("ran")));
    }

    [Fact]
    public void Enough_room_lets_the_evaluation_run()
    {
        var options = ExternalEvaluatorFactory.Options(Succeeds, _scratch.Path) with { FreeSpaceProbe = _ => long.MaxValue };
        using var evaluator = new ExternalCommandEvaluator(options);

        Assert.Equal(1.0, evaluator.Evaluate(TinyModel.Create(), CancellationToken.None).Metrics["accuracy"]);
    }

    [Fact]
    public void The_estimate_counts_the_copied_base_model_files_but_not_its_weights()
    {
        using var baseModel = new TempFolder();
        const int tokenizerBytes = 2_000_000;
        File.WriteAllBytes(baseModel.Combine("tokenizer.json"), new byte[tokenizerBytes]);
        File.WriteAllBytes(baseModel.Combine("model.safetensors"), new byte[3 * tokenizerBytes]);
        var options = ExternalEvaluatorFactory.Options(Succeeds, _scratch.Path) with
        {
            BaseModelFolder = baseModel.Path,
            FreeSpaceProbe = _ => 0,
        };
        using var evaluator = new ExternalCommandEvaluator(options);

        var e = Assert.Throws<EvaluationFailedException>(() => evaluator.Evaluate(TinyModel.Create(), CancellationToken.None));

        long needed = long.Parse(System.Text.RegularExpressions.Regex.Match(e.Reason, @"needs about (\d+) bytes").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(needed, tokenizerBytes, 2 * tokenizerBytes);
        Assert.Contains($"({needed / 1e6:0.#} MB)".Replace(',', '.'), e.Reason);
    }

    [Fact]
    public void The_default_probe_reads_the_real_free_space()
    {
        using var evaluator = new ExternalCommandEvaluator(ExternalEvaluatorFactory.Options(Succeeds, _scratch.Path));

        Assert.Equal(1.0, evaluator.Evaluate(TinyModel.Create(), CancellationToken.None).Metrics["accuracy"]);
    }
}
