using EvoMerge.Evaluation.Builtin.Tests.Support;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Evaluation.Builtin.Tests;

public sealed class OptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("builtin-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_architecture_is_read_from_its_file_or_its_folder()
    {
        TinyModels.Tiny.Save(Path.Combine(_folder, MlpArchitecture.FileName));
        foreach (var path in new[] { _folder, Path.Combine(_folder, MlpArchitecture.FileName) })
        {
            using var evaluator = new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { ArchitecturePath = path, Data = TinyModels.TinyData(0, 1, 1, 0) });
            Assert.Equal(TinyModels.Tiny, evaluator.Architecture);
            Assert.Equal(0.75, evaluator.Evaluate(TinyModels.TinyWeights(), CancellationToken.None).Metrics["accuracy"]);
        }
    }

    [Fact]
    public void A_missing_architecture_file_is_fatal()
    {
        var error = Assert.Throws<FatalEvaluationException>(() =>
            new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { ArchitecturePath = _folder, Data = TinyModels.TinyData(0, 1, 1, 0) }));
        Assert.Contains("architecture file not found", error.Message);
    }

    [Fact]
    public void A_broken_architecture_file_is_fatal()
    {
        var path = Path.Combine(_folder, MlpArchitecture.FileName);
        File.WriteAllText(path, """{"kind": "mlp_classifier", "inputs": 2, "hidden": [2], "classes": 1}""");
        var error = Assert.Throws<FatalEvaluationException>(() =>
            new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { ArchitecturePath = path, Data = TinyModels.TinyData(0, 1, 1, 0) }));
        Assert.Contains("not a usable MLP architecture", error.Message);
    }

    [Fact]
    public void Data_with_another_feature_count_is_fatal()
    {
        var data = new Data.TaskData("wide.csv", ["a", "b", "c"], [1, 2, 3], [0]);
        var error = Assert.Throws<FatalEvaluationException>(() =>
            new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { Architecture = TinyModels.Tiny, Data = data }));
        Assert.Contains("wide.csv has 3 feature columns, but the model takes 2 inputs", error.Message);
    }

    [Fact]
    public void Labels_outside_the_classes_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { Architecture = TinyModels.Tiny, Data = TinyModels.TinyData(0, 1, 2, 0) }));
        Assert.Contains("label 2", error.Message);
    }

    [Fact]
    public void Exactly_one_architecture_source_is_required()
    {
        Assert.Throws<ArgumentException>(() => new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { Data = TinyModels.TinyData(0, 1, 1, 0) }));
        Assert.Throws<ArgumentException>(() => new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
        {
            Architecture = TinyModels.Tiny,
            ArchitecturePath = _folder,
            Data = TinyModels.TinyData(0, 1, 1, 0),
        }));
    }

    [Fact]
    public void Metric_settings_are_checked()
    {
        var data = TinyModels.TinyData(0, 1, 1, 0);
        Assert.Throws<ArgumentException>(() => new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { Architecture = TinyModels.Tiny, Data = data, Metrics = [] }));
        Assert.Throws<ArgumentException>(() => new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
        {
            Architecture = TinyModels.Tiny, Data = data, Metrics = ["accuracy", "accuracy"],
        }));
        Assert.Throws<ArgumentException>(() => new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
        {
            Architecture = TinyModels.Tiny, Data = data, ScoreMetric = "neg_log_loss",
        }));
        Assert.Throws<ArgumentException>(() => new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
        {
            Architecture = TinyModels.Tiny, Data = data, Metrics = ["f1"],
        }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
        {
            Architecture = TinyModels.Tiny, Data = data, BatchSize = 0,
        }));
    }
}
