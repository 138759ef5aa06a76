namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>A multiple-choice item: which continuation of the prompt is a well-formed sentence (index <see cref="Answer"/>).</summary>
public sealed record ToyChoiceItem(string Prompt, IReadOnlyList<string> Choices, int Answer);
