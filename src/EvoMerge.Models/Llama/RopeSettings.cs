namespace EvoMerge.Models.Llama;

/// <summary>The rotary base and scaling one layer rotates with (most models: one for all layers).</summary>
public sealed record RopeSettings(double Theta, RopeScaling? Scaling);
