using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Metrics;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>Settings of an <see cref="OnnxClassifierEvaluator"/>.</summary>
public sealed record OnnxClassifierOptions
{
    /// <summary>The .onnx file. Its initializers carry the safetensors tensor names and must be graph inputs to be overridable.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The rows to score (already narrowed to the split this evaluator should see).</summary>
    public required TaskData Data { get; init; }

    public string Name { get; init; } = "onnx";

    /// <summary>The graph input fed with the features; null: the model's only (non-initializer) input.</summary>
    public string? InputName { get; init; }

    /// <summary>The graph output holding the logits; null: the model's first output.</summary>
    public string? OutputName { get; init; }

    /// <summary>Rows per <c>Run</c> call.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Metrics reported, by registry name (<see cref="MetricRegistry"/>).</summary>
    public IReadOnlyList<string> Metrics { get; init; } = ["accuracy", "neg_log_loss"];

    /// <summary>The metric whose per-example scores are returned; null: the first of <see cref="Metrics"/>.</summary>
    public string? ScoreMetric { get; init; }

    /// <summary>
    /// The overridable initializers every candidate must supply; null: all of them. Others keep the values stored
    /// in the model file when the candidate lacks them.
    /// </summary>
    public IReadOnlyList<string>? RequiredInitializers { get; init; }

    /// <summary>Whether merged tensors that match no overridable initializer are ignored (else they are an error).</summary>
    public bool IgnoreUnusedTensors { get; init; }

    public ExecutionProviderChoice Provider { get; init; } = ExecutionProviderChoice.CudaIfAvailable;

    public int CudaDeviceId { get; init; }

    /// <summary>ONNX Runtime intra-op threads; 0 lets it decide.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Receives notes such as a fallback from CUDA to CPU.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelPath, nameof(ModelPath));
        ArgumentNullException.ThrowIfNull(Data, nameof(Data));
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(CudaDeviceId, nameof(CudaDeviceId));
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads, nameof(IntraOpThreads));
        if (!Enum.IsDefined(Provider))
        {
            throw new ArgumentOutOfRangeException(nameof(Provider), Provider, "not a provider choice");
        }

        OutputScoring.Validate(Metrics, ScoreMetric);
    }
}
