using EvoMerge.Core.Randomness;
using EvoMerge.Models.Mlp;
using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// The pre-trained starting point: two models from N(0, 0.01^2), one trained on the training images
/// of digits 0-4, the other on 5-9 (Adam, lr 0.003, 10 full-batch epochs, as the reference).
/// </summary>
public static class ExpertPair
{
    public const double InitScale = 0.01;

    public static double[][] Train(DigitsDataset data, MlpArchitecture architecture, Rng rng, MlpTrainer? trainer = null)
    {
        trainer ??= new MlpTrainer(LearningRate: 0.003, Epochs: 10);
        var low = RandomModel(architecture.ParameterCount, rng);
        var high = RandomModel(architecture.ParameterCount, rng);
        using var lowDigits = data.Train.Where(label => label < 5);
        using var highDigits = data.Train.Where(label => label >= 5);
        return [trainer.Train(architecture, low, lowDigits).Parameters, trainer.Train(architecture, high, highDigits).Parameters];
    }

    /// <summary>A model with every parameter drawn from N(0, 0.01^2): the reference's starting point.</summary>
    public static double[] RandomModel(int parameters, Rng rng)
    {
        var model = new double[parameters];
        GaussianNoise.Add(rng, model, InitScale);
        return model;
    }
}
