using EvoMerge.Core.Randomness;
using EvoMerge.Evaluation.Builtin.Tests.Support;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Evaluation.Builtin.Tests;

public class MlpClassifierAgreementTests
{
    [Fact]
    public void Scores_equal_MlpClassifier_on_the_digits_network()
    {
        var rng = new Rng(5);
        var architecture = MlpArchitecture.Digits;
        var (model, flat) = TinyModels.RandomWeights(architecture, rng, scale: 0.05);
        var data = TinyModels.RandomData(900, architecture.Inputs, architecture.Classes, rng);
        using var evaluator = new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { Architecture = architecture, Data = data, BatchSize = 256 });
        var result = evaluator.Evaluate(model, CancellationToken.None);

        using var classifier = new MlpClassifier(architecture);
        using var examples = new ClassificationData(data.Features.ToArray(), data.Labels.ToArray().Select(l => (int)l).ToArray(), data.FeatureCount);
        var correct = new double[data.RowCount];
        var accuracy = classifier.Score(flat, examples, correct);

        Assert.Equal(correct, result.PerExampleScores!);
        Assert.Equal(accuracy, result.Metrics["accuracy"], 12);
        Assert.InRange(accuracy, 0.02, 0.98);   // a mix of hits and misses, so the comparison means something
    }

    [Fact]
    public void Logits_equal_MlpClassifier_on_a_three_layer_tanh_network()
    {
        var rng = new Rng(9);
        var architecture = new MlpArchitecture(64, [32, 16], 10, "tanh");
        var (model, flat) = TinyModels.RandomWeights(architecture, rng, scale: 0.1);
        var data = TinyModels.RandomData(50, architecture.Inputs, architecture.Classes, rng);
        using var evaluator = new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { Architecture = architecture, Data = data });
        var outputs = evaluator.RunOutputs(model, CancellationToken.None).ToArray();

        using var classifier = new MlpClassifier(architecture);
        using var examples = new ClassificationData(data.Features.ToArray(), data.Labels.ToArray().Select(l => (int)l).ToArray(), data.FeatureCount);
        classifier.Load(flat);
        using var logits = classifier.Logits(examples);
        Assert.Equal(logits.data<float>().ToArray(), outputs);
    }
}
