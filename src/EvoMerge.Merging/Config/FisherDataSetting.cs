namespace EvoMerge.Merging.Config;

/// <summary>
/// Task data from which a model's diagonal Fisher information is estimated when it has no <c>fisher/</c>
/// checkpoint (<c>fisher_data</c>, <c>fisher_examples</c>, <c>fisher_kind</c>, <c>fisher_template</c> in a
/// config's global or model <c>parameters</c>). A model's own setting wins field by field over the global one.
/// </summary>
public sealed record FisherDataSetting
{
    public static readonly string[] Keys = ["fisher_data", "fisher_examples", "fisher_kind", "fisher_template"];

    /// <summary>The task file (absolute): CSV or JSONL features for a built-in classifier, a JSONL language task for a language model.</summary>
    public string? Data { get; init; }

    /// <summary>The first this many rows or examples; null: all.</summary>
    public int? Examples { get; init; }

    /// <summary>Language tasks: multiple_choice, generation or perplexity; null: from the first example's fields.</summary>
    public string? Kind { get; init; }

    /// <summary>Language tasks: the prompt template (with {prompt} or {question}); null: the prompt as it is.</summary>
    public string? Template { get; init; }

    /// <summary>This setting, its missing fields taken from <paramref name="fallback"/>.</summary>
    public FisherDataSetting Over(FisherDataSetting? fallback) => fallback is null ? this : new()
    {
        Data = Data ?? fallback.Data,
        Examples = Examples ?? fallback.Examples,
        Kind = Kind ?? fallback.Kind,
        Template = Template ?? fallback.Template,
    };
}
