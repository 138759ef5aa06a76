using System.Globalization;
using System.IO.Compression;
using EvoMerge.Evaluation.Builtin.Fisher;
using EvoMerge.Merging.Methods;
using EvoMerge.Models.Mlp;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Tests.Fisher;

public sealed class ClassifierFisherTests
{
    [Fact]
    public void Matches_the_definition_computed_one_example_and_one_class_at_a_time()
    {
        var architecture = new MlpArchitecture(3, [4], 3, "tanh");
        var random = new Random(5);
        var parameters = Enumerable.Range(0, architecture.ParameterCount).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var features = Enumerable.Range(0, 6 * 3).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        using var data = new ClassificationData(features, [0, 1, 2, 0, 1, 2], 3);

        var fisher = ClassifierFisher.Estimate(architecture, parameters, data, examples: 5);

        // F = 1/N sum_n sum_y p(y|x_n) (grad log p(y|x_n))^2, by brute force over the whole parameter vector.
        var expected = new double[architecture.ParameterCount];
        for (int n = 0; n < 5; n++)
            for (int y = 0; y < 3; y++)
            {
                using var scope = NewDisposeScope();
                var flat = tensor(parameters).requires_grad_(true);
                var logp = nn.functional.log_softmax(MlpForward.Logits(architecture, flat, data.Features.narrow(0, n, 1)), 1)[0, y];
                logp.backward();
                double p = Math.Exp(logp.item<float>());
                var g = flat.grad!.data<float>().ToArray();
                for (int i = 0; i < g.Length; i++) expected[i] += p * g[i] * g[i] / 5;
            }
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], fisher[i], 5);
        Assert.Contains(fisher, f => f > 1e-3);
    }

    [Fact]
    public void Named_tensors_follow_the_architectures_layout_and_transpose_out_in_weights()
    {
        var architecture = new MlpArchitecture(2, [3], 2) { WeightLayout = MlpArchitecture.OutIn };
        var flat = Enumerable.Range(0, architecture.ParameterCount).Select(i => (float)i).ToArray();
        var named = ClassifierFisher.NamedTensors(architecture, flat);
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"], named.Select(t => t.Name));
        Assert.Equal([3L, 2], named[0].Shape);
        // Flat [in, out] = [[0, 1, 2], [3, 4, 5]] stored [out, in] = [[0, 3], [1, 4], [2, 5]].
        Assert.Equal([0f, 3, 1, 4, 2, 5], named[0].Values);
        Assert.Equal([6f, 7, 8], named[1].Values);
    }

    [Fact]
    public void Asking_for_more_examples_than_the_data_has_is_an_error()
    {
        var architecture = new MlpArchitecture(2, [2], 2);
        using var data = new ClassificationData([0, 0, 1, 1], [0, 1], 2);
        var e = Assert.Throws<ArgumentException>(() => ClassifierFisher.Estimate(architecture, new float[architecture.ParameterCount], data, 3));
        Assert.Contains("examples must be between 1 and the 2 rows", e.Message);
    }

    /// <summary>
    /// Two digits experts from one start, one trained on 0-4, the other on 5-9. Averaging blurs what each
    /// learned; weighting every parameter by how much each expert's predictions depend on it keeps more of
    /// both, as Matena and Raffel report for merging task-specific models.
    /// </summary>
    [Fact]
    public void On_digits_experts_of_disjoint_classes_fisher_merging_scores_at_least_as_well_as_averaging()
    {
        var (train, test) = Digits();
        using var _ = train;
        using var __ = test;
        var architecture = MlpArchitecture.Digits;
        var random = new Random(11);
        var start = Enumerable.Range(0, architecture.ParameterCount).Select(_ => 0.05 * (random.NextDouble() - 0.5)).ToArray();
        using var low = train.Where(label => label < 5);
        using var high = train.Where(label => label >= 5);
        var trainer = new MlpTrainer(LearningRate: 0.003, Epochs: 40);
        var a = trainer.Train(architecture, start, low).Parameters.Select(v => (float)v).ToArray();
        var b = trainer.Train(architecture, start, high).Parameters.Select(v => (float)v).ToArray();
        var fisherA = ClassifierFisher.Estimate(architecture, a, low, low.Count);
        var fisherB = ClassifierFisher.Estimate(architecture, b, high, high.Count);

        using var scope = NewDisposeScope();
        MethodInputModel Input(string name, float[] x, float[]? f) => new(name, false, tensor(x), new Dictionary<string, double> { ["weight"] = 1 })
        {
            Fisher = f is null ? null : tensor(f),
        };
        var globals = (IMergeMethod m) => m.GlobalParameters.Where(p => p.Default is not null).ToDictionary(p => p.Name, p => p.Default!.Value);
        var fisherMethod = MergeMethodRegistry.Get("fisher");
        var linearMethod = MergeMethodRegistry.Get("linear");
        var fisherMerged = fisherMethod.Merge(new MergeInputs
        {
            TensorName = "flat", Models = [Input("a", a, fisherA), Input("b", b, fisherB)], GlobalParameters = globals(fisherMethod),
        }).data<float>().Select(v => (double)v).ToArray();
        var averaged = linearMethod.Merge(new MergeInputs
        {
            TensorName = "flat", Models = [Input("a", a, null), Input("b", b, null)], GlobalParameters = globals(linearMethod),
        }).data<float>().Select(v => (double)v).ToArray();

        using var classifier = new MlpClassifier(architecture);
        double fisherAccuracy = classifier.Accuracy(fisherMerged, test);
        double averageAccuracy = classifier.Accuracy(averaged, test);
        Assert.True(fisherAccuracy >= averageAccuracy, $"fisher {fisherAccuracy:P1} < average {averageAccuracy:P1}");
        Assert.True(fisherAccuracy > 0.5, $"fisher merge only reaches {fisherAccuracy:P1}");
    }

    /// <summary>The vendored 8x8 digits (first 1437 rows train, last 360 test, as the M2N2 experiment splits them).</summary>
    static (ClassificationData Train, ClassificationData Test) Digits()
    {
        string path = Path.Combine(RepositoryRoot(), "experiments", "data", "digits.csv.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var features = new List<float>();
        var labels = new List<int>();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            features.AddRange(fields[..64].Select(f => float.Parse(f, CultureInfo.InvariantCulture)));
            labels.Add((int)double.Parse(fields[64], CultureInfo.InvariantCulture));
        }
        const int trainRows = 1437;
        return (new ClassificationData([.. features.Take(trainRows * 64)], [.. labels.Take(trainRows)], 64),
                new ClassificationData([.. features.Skip(trainRows * 64)], [.. labels.Skip(trainRows)], 64));
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EvoMerge.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("EvoMerge.sln not found above the test's folder.");
    }
}
