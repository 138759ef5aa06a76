namespace EvoMerge.Models.Llama;

/// <summary>One step of a forward pass: a layer, and the factor the hidden state is multiplied by before it.</summary>
public readonly record struct DecoderHop(LlamaDecoderLayer Layer, float InputScale);
