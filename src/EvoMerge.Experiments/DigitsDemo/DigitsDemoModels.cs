using EvoMerge.Core.Randomness;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>
/// The demo's three models as flat parameter vectors (<see cref="MlpArchitecture.Layout"/>): a base trained
/// briefly on all ten digits from a seeded initialization, and two experts fine-tuned from it, one on digits
/// 0-4 and one on 5-9. Sharing the base keeps the experts in one basin, where their task vectors can be added.
/// </summary>
public sealed record DigitsDemoModels(double[] Base, double[] ExpertLow, double[] ExpertHigh)
{
    public static DigitsDemoModels Train(DigitsDemoOptions options, DigitRows train, Rng rng)
    {
        var architecture = options.Architecture;
        using var all = ToData(train);
        using var low = ToData(train.Where(label => label < 5));
        using var high = ToData(train.Where(label => label >= 5));
        var initial = InitialWeights(architecture, rng);
        var shared = new MlpTrainer(options.BaseLearningRate, options.BaseEpochs).Train(architecture, initial, all).Parameters;
        var expert = new MlpTrainer(options.ExpertLearningRate, options.ExpertEpochs);
        return new DigitsDemoModels(shared, expert.Train(architecture, shared, low).Parameters, expert.Train(architecture, shared, high).Parameters);
    }

    /// <summary>Uniform in ±1/sqrt(fan-in) for every weight and bias, as torch's Linear layers start.</summary>
    public static double[] InitialWeights(MlpArchitecture architecture, Rng rng)
    {
        var weights = new double[architecture.ParameterCount];
        var widths = architecture.Widths;
        foreach (var slot in architecture.Layout)
        {
            int layer = int.Parse(slot.Name.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);
            double bound = 1.0 / Math.Sqrt(widths[layer]);
            for (long i = slot.Offset; i < slot.Offset + slot.Length; i++) weights[i] = rng.NextDouble(-bound, bound);
        }
        return weights;
    }

    public static ClassificationData ToData(DigitRows rows) => new(rows.Features, rows.Labels, DigitRows.Pixels);
}
