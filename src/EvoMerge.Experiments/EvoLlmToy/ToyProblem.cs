namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>An arithmetic word problem: the prompt ends with the answer marker "a:", the answer is a number token.</summary>
public sealed record ToyProblem(string Prompt, string Answer)
{
    /// <summary>The training line: prompt and answer.</summary>
    public string Text => $"{Prompt} {Answer}";
}
