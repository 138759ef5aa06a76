using System.Text.Json.Nodes;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>AdamW with linear warm-up and cosine decay to <see cref="FinalLearningRateRatio"/> of the peak.</summary>
public sealed record LmTrainingOptions
{
    public int Steps { get; init; } = 1000;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 3e-3;
    public int WarmupSteps { get; init; } = 50;
    public double FinalLearningRateRatio { get; init; } = 0.1;
    public double WeightDecay { get; init; } = 0.01;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Steps, 1, nameof(Steps));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupSteps, nameof(WarmupSteps));
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be positive.");
        if (!(FinalLearningRateRatio >= 0 && FinalLearningRateRatio <= 1)) throw new ArgumentOutOfRangeException(nameof(FinalLearningRateRatio), FinalLearningRateRatio, "must lie in [0, 1].");
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be non-negative.");
    }

    /// <summary>The learning rate of step <paramref name="step"/> (0-based).</summary>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps) return LearningRate * (step + 1) / WarmupSteps;
        double progress = Steps <= WarmupSteps ? 1 : (double)(step - WarmupSteps) / (Steps - WarmupSteps);
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * Math.Min(progress, 1)));
        return LearningRate * (FinalLearningRateRatio + (1 - FinalLearningRateRatio) * cosine);
    }

    public JsonObject ToJson() => new()
    {
        ["steps"] = Steps,
        ["batch_size"] = BatchSize,
        ["learning_rate"] = LearningRate,
        ["warmup_steps"] = WarmupSteps,
        ["final_learning_rate_ratio"] = FinalLearningRateRatio,
        ["weight_decay"] = WeightDecay,
    };
}
