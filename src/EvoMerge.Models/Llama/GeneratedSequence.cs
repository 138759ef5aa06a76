namespace EvoMerge.Models.Llama;

/// <summary>The new tokens of one row (without the stop token) and whether a stop token ended it.</summary>
public sealed record GeneratedSequence(long[] Tokens, bool Stopped);
