namespace EvoMerge.Models.Llama;

/// <summary>The config's <c>model_type</c>; they differ only in which projections carry biases and in sliding windows.</summary>
public enum LlamaModelType
{
    Llama,
    Mistral,

    /// <summary>Qwen2: q/k/v projections always carry a bias, o_proj never does.</summary>
    Qwen2,
}
