namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>One example of a language-model task. <see cref="Source"/> says where it came from, for messages.</summary>
public abstract record LanguageExample(string Source)
{
    public abstract LanguageTaskKind Kind { get; }
}
