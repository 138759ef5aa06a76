using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>Settings of a <see cref="LanguageTaskEvaluator"/>: the task, and the model the merged tensors make up.</summary>
public sealed record LanguageEvaluatorOptions
{
    public required LanguageTaskOptions Task { get; init; }

    /// <summary>The config of the merged model (all sources of a parameter-space merge share it).</summary>
    public required LlamaConfig ModelConfig { get; init; }

    /// <summary>Float32 or BFloat16: the dtype the model runs in, whatever the merged tensors' dtype.</summary>
    public ScalarType DType { get; init; } = ScalarType.Float32;

    /// <summary>null means the CPU.</summary>
    public Device? Device { get; init; }

    internal LlamaLoadOptions LoadOptions => new() { DType = DType, Device = Device };

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Task, nameof(Task));
        ArgumentNullException.ThrowIfNull(ModelConfig, nameof(ModelConfig));
        ModelConfig.Validate();
        if (DType is not (ScalarType.Float32 or ScalarType.BFloat16))
        {
            throw new ArgumentException($"the model runs in Float32 or BFloat16, not {DType}.", nameof(DType));
        }
    }
}
