namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>A prompt and its reference answer; the answer goes through the task's extraction rule like the output does.</summary>
public sealed record GenerationExample(string Prompt, string Answer, string Source = "example") : LanguageExample(Source)
{
    public override LanguageTaskKind Kind => LanguageTaskKind.Generation;
}
