using System.Text.Json.Nodes;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>
/// How the demo's models and data files are made. The defaults were chosen by measurement so that a per-layer
/// merge of the two experts beats both of them and their plain average on the combined test rows.
/// </summary>
public sealed record DigitsDemoOptions
{
    /// <summary>Seeds the validation split and the base model's initial weights.</summary>
    public ulong Seed { get; init; } = 7;

    /// <summary>Hidden layer widths of the 64-...-10 ReLU MLP; each layer becomes a layer group of the merge genome.</summary>
    public int[] Hidden { get; init; } = [64, 64];

    /// <summary>Share of each digit's training rows held out as validation (fitness) data.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Share of each digit's rows held out as test rows (reported only, never used for selection).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Full-batch Adam steps of the shared base on all ten digits.</summary>
    public int BaseEpochs { get; init; } = 5;

    public double BaseLearningRate { get; init; } = 0.003;

    /// <summary>Full-batch Adam steps of each expert, starting from the base, on its five digits.</summary>
    public int ExpertEpochs { get; init; } = 40;

    public double ExpertLearningRate { get; init; } = 0.001;

    /// <summary>The digits file (experiments/data/digits.csv.gz); null: found above the working directory.</summary>
    public string? DataPath { get; init; }

    public MlpArchitecture Architecture => new(64, Hidden, 10);

    /// <summary>Throws with a message naming the invalid option.</summary>
    public void Validate()
    {
        if (Hidden is null) throw new ArgumentException("Hidden is missing (use an empty list for a single layer).", nameof(Hidden));
        Architecture.Validate();
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "must lie strictly between 0 and 1.");
        if (!(TestFraction > 0 && TestFraction < 1 - ValidationFraction))
            throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, $"must be positive and leave training rows beside the validation share {ValidationFraction}.");
        ArgumentOutOfRangeException.ThrowIfNegative(BaseEpochs, nameof(BaseEpochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpertEpochs, 1, nameof(ExpertEpochs));
        if (!(BaseLearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(BaseLearningRate), BaseLearningRate, "must be positive.");
        if (!(ExpertLearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(ExpertLearningRate), ExpertLearningRate, "must be positive.");
    }

    /// <summary>Everything that shapes the assets (not where the data file lies: its hash is recorded instead).</summary>
    public JsonObject ToJson() => new()
    {
        ["seed"] = Seed,
        ["hidden"] = new JsonArray(Hidden.Select(h => (JsonNode?)h).ToArray()),
        ["validation_fraction"] = ValidationFraction,
        ["test_fraction"] = TestFraction,
        ["base_epochs"] = BaseEpochs,
        ["base_learning_rate"] = BaseLearningRate,
        ["expert_epochs"] = ExpertEpochs,
        ["expert_learning_rate"] = ExpertLearningRate,
    };
}
