namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>One concept written in both languages.</summary>
public sealed record ToyWord(string Language1, string Language2)
{
    public string In(ToyLanguage language) => language == ToyLanguage.Language1 ? Language1 : Language2;
}
