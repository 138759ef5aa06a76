namespace EvoMerge.Search.Tasks.Language;

/// <summary>
/// A language-model task's own settings (evaluator <c>language</c>) on a JSONL file: its kind (multiple_choice,
/// generation, perplexity), the prompt template, few-shot examples, answer extraction, limits, the tokenizer
/// folder (default: the base model's, else the first expert's) and the dtype the merged model runs in.
/// </summary>
public sealed record LanguageTaskSpec
{
    public required string Kind { get; init; }
    public string Template { get; init; } = "{prompt}";
    public int FewShot { get; init; }
    public string? FewShotData { get; init; }
    public string Extraction { get; init; } = "last_number";
    public string Normalization { get; init; } = "none";
    public int MaxNewTokens { get; init; } = 64;
    public IReadOnlyList<string> StopStrings { get; init; } = [];
    public int? Limit { get; init; }
    public int BatchSize { get; init; } = 8;
    public string? Tokenizer { get; init; }
    /// <summary>Whether prompts are wrapped as a user turn by the tokenizer folder's chat template.</summary>
    public bool Chat { get; init; }
    /// <summary>The system turn before each prompt (only with <see cref="Chat"/>).</summary>
    public string? System { get; init; }
    /// <summary>float32 or bfloat16; when the config gives none, the checkpoint's own.</summary>
    public string DType { get; init; } = "float32";
}
