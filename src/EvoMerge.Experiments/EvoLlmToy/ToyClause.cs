namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// One sentence's meaning: a subject, a verb and, for transitive verbs, a count of a noun.
/// <see cref="Noun"/> and <see cref="Count"/> are null for intransitive verbs.
/// </summary>
public sealed record ToyClause(ToyWord Subject, ToyWord Verb, int? Count = null, ToyWord? Noun = null)
{
    public bool IsTransitive => Noun is not null;
}
