namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>A text whose tokens the model predicts one after another.</summary>
public sealed record PerplexityExample(string Text, string Source = "example") : LanguageExample(Source)
{
    public override LanguageTaskKind Kind => LanguageTaskKind.Perplexity;
}
