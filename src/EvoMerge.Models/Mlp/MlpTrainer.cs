using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Models.Mlp;

/// <summary>
/// Full-batch training with Adam on the mean cross-entropy, as the M2N2 reference trains its
/// pre-trained experts (lr 0.003, 10 epochs; Adam betas 0.9/0.999, eps 1e-8).
/// </summary>
public sealed record MlpTrainer(double LearningRate = 0.003, int Epochs = 10)
{
    /// <summary>Trained parameters and the loss before each epoch's step.</summary>
    public (double[] Parameters, double[] Losses) Train(MlpArchitecture architecture, ReadOnlySpan<double> initial, ClassificationData data)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(data);
        if (!(LearningRate > 0)) throw new ArgumentException($"Learning rate must be positive (got {LearningRate}).");
        if (Epochs < 0) throw new ArgumentException($"Epochs must be >= 0 (got {Epochs}).");
        architecture.Validate();
        if (initial.Length != architecture.ParameterCount)
            throw new ArgumentException($"Got {initial.Length} parameters, the architecture has {architecture.ParameterCount}.");
        if (data.FeatureCount != architecture.Inputs)
            throw new ArgumentException($"Data has {data.FeatureCount} features, the model {architecture.Inputs} inputs.");

        using var scope = NewDisposeScope();
        var floats = new float[initial.Length];
        for (int i = 0; i < floats.Length; i++) floats[i] = (float)initial[i];
        var parameters = new TorchSharp.Modules.Parameter(tensor(floats, ScalarType.Float32), requires_grad: true);
        using var optimizer = optim.Adam([parameters], LearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8);
        var losses = new double[Epochs];
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            using var step = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(MlpForward.Logits(architecture, parameters, data.Features), data.Labels);
            losses[epoch] = loss.item<float>();
            loss.backward();
            optimizer.step();
        }
        var trained = parameters.detach().data<float>().ToArray();
        return (trained.Select(v => (double)v).ToArray(), losses);
    }
}
