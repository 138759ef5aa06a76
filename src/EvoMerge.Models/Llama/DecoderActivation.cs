namespace EvoMerge.Models.Llama;

/// <summary>The gated MLP's activation: <c>down(act(gate(x)) * up(x))</c>.</summary>
public enum DecoderActivation
{
    /// <summary>SwiGLU (Llama, Mistral, Qwen, Phi-3): config <c>hidden_act: "silu"</c>.</summary>
    Silu,

    /// <summary>GeGLU with the tanh approximation of gelu (Gemma): <c>gelu_pytorch_tanh</c>.</summary>
    GeluTanh,
}
