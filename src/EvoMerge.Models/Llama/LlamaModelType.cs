namespace EvoMerge.Models.Llama;

/// <summary>The config's <c>model_type</c>: which family's config fields, tensor names and numerics apply (see <see cref="Families.DecoderFamilies"/>).</summary>
public enum LlamaModelType
{
    Llama,
    Mistral,

    /// <summary>Qwen2 / Qwen2.5: q/k/v projections always carry a bias, o_proj never does.</summary>
    Qwen2,

    /// <summary>Qwen3: per-head q/k RMS norms, no q/k/v bias.</summary>
    Qwen3,

    /// <summary>Gemma 1: scaled embeddings, (1 + w) norms, GeGLU.</summary>
    Gemma,

    /// <summary>Gemma 2: Gemma plus sandwich norms, soft-capping and alternating local/global layers.</summary>
    Gemma2,

    /// <summary>Gemma 3 text (<c>gemma3_text</c>): Gemma 2 without soft-capping, with q/k norms and a local rope base.</summary>
    Gemma3Text,

    /// <summary>Phi-3: fused qkv_proj and gate_up_proj.</summary>
    Phi3,
}
