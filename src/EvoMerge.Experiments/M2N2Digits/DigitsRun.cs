using EvoMerge.Core.Randomness;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// Everything one run of one method needs: the seed's starting models (shared by every method of
/// the run), a search generator derived from the seed, the data and an evaluator.
/// </summary>
public sealed class DigitsRun
{
    public DigitsRun(int index, ulong seed, DigitsPanel panel, IReadOnlyList<double[]> initialModels,
        MlpArchitecture architecture, DigitsDataset data, MlpClassifier classifier, TextWriter log)
    {
        if (initialModels.Count == 0) throw new ArgumentException("A run needs at least one starting model.");
        (Index, Seed, Panel, InitialModels, Architecture, Data, Classifier, Log) =
            (index, seed, panel, initialModels, architecture, data, classifier, log);
    }

    public int Index { get; }
    public ulong Seed { get; }
    public DigitsPanel Panel { get; }

    /// <summary>Two random N(0, 0.01^2) models from scratch, or the two pre-trained experts.</summary>
    public IReadOnlyList<double[]> InitialModels { get; }

    public MlpArchitecture Architecture { get; }
    public DigitsDataset Data { get; }
    public MlpClassifier Classifier { get; }
    public TextWriter Log { get; }

    /// <summary>A fresh generator for the search, the same for every method of this run.</summary>
    public Rng NewSearchRng() => SeedStreams(Seed).Search;

    /// <summary>The run seed split into a stream for starting models and one for the search.</summary>
    public static (Rng Init, Rng Search) SeedStreams(ulong seed)
    {
        var root = new Rng(seed);
        var init = root.Fork();
        return (init, root.Fork());
    }

    /// <summary>Test accuracy in percent of a parameter vector.</summary>
    public double TestAccuracy(ReadOnlySpan<double> parameters) => 100 * Classifier.Accuracy(parameters, Data.Test);
}
