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

    /// <summary>The seed of the reference's one pair: <c>jax.random.PRNGKey(42)</c> in <c>get_pre_trained_models</c>.</summary>
    public const uint ReferenceSeed = 42;

    /// <summary>Two experts from starting models drawn from <paramref name="rng"/> (first the 0-4 one).</summary>
    public static double[][] Train(DigitsDataset data, MlpArchitecture architecture, Rng rng, MlpTrainer? trainer = null)
    {
        var low = RandomModel(architecture.ParameterCount, rng);
        var high = RandomModel(architecture.ParameterCount, rng);
        return TrainFrom(data, architecture, low, high, trainer);
    }

    /// <summary>Trains <paramref name="low"/> on the training images of digits 0-4 and <paramref name="high"/> on 5-9.</summary>
    public static double[][] TrainFrom(DigitsDataset data, MlpArchitecture architecture, double[] low, double[] high, MlpTrainer? trainer = null)
    {
        trainer ??= new MlpTrainer(LearningRate: 0.003, Epochs: 10);
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

    /// <summary>
    /// The reference's own two starting models, bit for bit: <c>PRNGKey(42)</c> split in two keys,
    /// <c>jax.random.normal(key, (n,)) * 0.01</c> in float32 for each.
    /// </summary>
    public static double[][] ReferenceStartingModels(int parameters)
    {
        var keys = JaxThreefry.Split(JaxThreefry.Key(ReferenceSeed), 2);
        return keys.Select(key => JaxThreefry.Normal(key, parameters).Select(v => (double)(v * (float)InitScale)).ToArray()).ToArray();
    }
}
