using static TorchSharp.torch;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>The weights of the base and the two experts (the caller disposes them), each stage's losses and seconds.</summary>
public sealed record ToyTrainedModels(
    Dictionary<string, Tensor> Base,
    Dictionary<string, Tensor> ExpertA,
    Dictionary<string, Tensor> ExpertB,
    IReadOnlyDictionary<string, double[]> Losses,
    IReadOnlyDictionary<string, double> Seconds) : IDisposable
{
    public void Dispose()
    {
        foreach (var weights in new[] { Base, ExpertA, ExpertB })
            foreach (var tensor in weights.Values)
                tensor.Dispose();
    }
}
