namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>The two synthetic languages: they share a concept space, digits and format tokens, nothing else.</summary>
public enum ToyLanguage
{
    /// <summary>Subject-verb-object, the number before the noun: "tom buys 3 apples ." (the "English" of the toy).</summary>
    Language1,

    /// <summary>Subject-object-verb with a topic particle, the number after the noun: "kiro wa mela 3 kopa ." (the "Japanese").</summary>
    Language2,
}
