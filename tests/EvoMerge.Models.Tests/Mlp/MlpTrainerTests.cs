using EvoMerge.Core.Randomness;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Models.Tests.Mlp;

public class MlpTrainerTests
{
    [Fact]
    public void Training_lowers_the_loss_and_learns_a_separable_problem()
    {
        // Two blobs in 4-D: class = sign of the first feature.
        var rng = new Rng(3);
        const int n = 200;
        var features = new float[n * 4];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            for (int f = 0; f < 4; f++) features[i * 4 + f] = (float)(rng.NextGaussian() * 0.5);
            features[i * 4] += labels[i] == 1 ? 2 : -2;
        }
        using var data = new ClassificationData(features, labels, 4);
        var architecture = new MlpArchitecture(4, [16], 2);
        var initial = new double[architecture.ParameterCount];
        for (int i = 0; i < initial.Length; i++) initial[i] = rng.NextGaussian() * 0.1;

        var (trained, losses) = new MlpTrainer(LearningRate: 0.01, Epochs: 30).Train(architecture, initial, data);

        Assert.Equal(30, losses.Length);
        Assert.True(losses[^1] < 0.5 * losses[0], $"loss went from {losses[0]} to {losses[^1]}");
        for (int e = 1; e < losses.Length; e++) Assert.True(losses[e] <= losses[e - 1] + 1e-6, $"loss rose at epoch {e}");
        using var model = new MlpClassifier(architecture);
        Assert.True(model.Accuracy(trained, data) > 0.95);
        Assert.NotEqual(initial, trained);
    }

    [Fact]
    public void Zero_epochs_return_the_initial_parameters_in_float32()
    {
        using var data = new ClassificationData([1, 2], [1], featureCount: 2);
        var architecture = new MlpArchitecture(2, [2], 2);
        double[] initial = Enumerable.Range(0, architecture.ParameterCount).Select(i => i * 0.25).ToArray();
        var (trained, losses) = new MlpTrainer(Epochs: 0).Train(architecture, initial, data);
        Assert.Empty(losses);
        Assert.Equal(initial, trained);
    }
}
