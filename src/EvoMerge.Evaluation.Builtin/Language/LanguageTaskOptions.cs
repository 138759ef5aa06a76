using EvoMerge.Models.Tokenizers;
using EvoMerge.Models.Tokenizers.ChatTemplates;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// What a <see cref="LanguageTaskScorer"/> scores and how. Give exactly one of <see cref="TaskPath"/> and
/// <see cref="Examples"/>; few-shot examples come from <see cref="FewShotPath"/> or <see cref="FewShotExamples"/>
/// when one is given, otherwise from the first <see cref="FewShotCount"/> task examples (which are then not scored).
/// </summary>
public sealed record LanguageTaskOptions
{
    public string Name { get; init; } = "lm-task";

    public required LanguageTaskKind Kind { get; init; }

    public required ITextTokenizer Tokenizer { get; init; }

    /// <summary>The JSONL task file (see README.md).</summary>
    public string? TaskPath { get; init; }

    /// <summary>The examples themselves, when they are not read from a file; all must be of <see cref="Kind"/>.</summary>
    public IReadOnlyList<LanguageExample>? Examples { get; init; }

    public string? FewShotPath { get; init; }

    public IReadOnlyList<LanguageExample>? FewShotExamples { get; init; }

    /// <summary>Solved examples put before each prompt (not for perplexity tasks).</summary>
    public int FewShotCount { get; init; }

    public PromptTemplate Prompt { get; init; } = new();

    /// <summary>Score at most this many examples (the first ones after any few-shot examples); null: all.</summary>
    public int? Limit { get; init; }

    /// <summary>
    /// Score only these of the examples left after few-shot examples and <see cref="Limit"/> (e.g. a search's
    /// seeded fitness subset); null: all of them.
    /// </summary>
    public EvoMerge.Evaluation.Data.RowSelection? Rows { get; init; }

    /// <summary>Sequences per forward pass (or per generation batch).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>
    /// At most this many tokens (rows x padded length, generated tokens included) per forward pass, so a batch of long
    /// examples gets fewer rows and memory stays bounded; a single longer example runs alone. null: as many as keep
    /// the batch's logits within 1 GiB of float32 for the model's vocabulary, at most 16,384.
    /// </summary>
    public int? MaxBatchTokens { get; init; }

    /// <summary>
    /// The model's context (max_position_embeddings): an example that needs more tokens is refused when the task is
    /// read, naming its file and line. null: not checked.
    /// </summary>
    public int? ContextLength { get; init; }

    /// <summary>
    /// When given, each example's context (after <see cref="Prompt"/>, few-shot examples included) becomes one user
    /// turn, after a system turn of <see cref="SystemPrompt"/> when that is given, rendered by this chat template with
    /// the assistant's turn opened (add_generation_prompt). The template writes any BOS itself, so <see cref="AddBos"/>
    /// is not applied, and multiple-choice continuations follow the opened turn without <see cref="PromptTemplate.TargetDelimiter"/>.
    /// </summary>
    public ModelChatTemplate? ChatTemplate { get; init; }

    /// <summary>The system turn before each prompt; only with <see cref="ChatTemplate"/>.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Put the tokenizer's beginning-of-sequence token first when it has one (plain prompts only).</summary>
    public bool AddBos { get; init; } = true;

    /// <summary>Multiple choice: how choice log-likelihoods are normalized before comparing.</summary>
    public ChoiceNormalization Normalization { get; init; } = ChoiceNormalization.None;

    /// <summary>Generation: how the answer is cut out of the output and out of the reference.</summary>
    public AnswerExtraction Extraction { get; init; } = AnswerExtraction.LastNumber;

    /// <summary>Generation: an output only counts when it also passes this check; null: no check.</summary>
    public LanguageCheck? LanguageCheck { get; init; }

    /// <summary>Generation: the most tokens generated per example (generation also stops at the tokenizer's end-of-sequence token).</summary>
    public int MaxNewTokens { get; init; } = 64;

    /// <summary>Generation: the decoded output is cut at the first of these strings (e.g. "\n\n" after a few-shot answer).</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "not a language task kind");
        }

        ArgumentNullException.ThrowIfNull(Tokenizer, nameof(Tokenizer));
        ArgumentNullException.ThrowIfNull(Prompt, nameof(Prompt));
        Prompt.Validate();
        if ((TaskPath is null) == (Examples is null))
        {
            throw new ArgumentException("give exactly one of TaskPath and Examples.", nameof(TaskPath));
        }

        if (FewShotPath is not null && FewShotExamples is not null)
        {
            throw new ArgumentException("give at most one of FewShotPath and FewShotExamples.", nameof(FewShotPath));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(FewShotCount, nameof(FewShotCount));
        if (Kind == LanguageTaskKind.Perplexity && FewShotCount > 0)
        {
            throw new ArgumentException("perplexity tasks score texts as they are; FewShotCount must be 0.", nameof(FewShotCount));
        }

        if (ChatTemplate is not null && Kind == LanguageTaskKind.Perplexity)
        {
            throw new ArgumentException("perplexity tasks score texts as they are; they take no chat template.", nameof(ChatTemplate));
        }

        if (SystemPrompt is not null && ChatTemplate is null)
        {
            throw new ArgumentException("a system prompt needs a chat template to put it in.", nameof(SystemPrompt));
        }

        if (Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(Limit));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (MaxBatchTokens is { } maxBatchTokens)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchTokens, 1, nameof(MaxBatchTokens));
        }
        if (ContextLength is { } context)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(context, 1, nameof(ContextLength));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNewTokens, 1, nameof(MaxNewTokens));
        if (!Enum.IsDefined(Normalization))
        {
            throw new ArgumentOutOfRangeException(nameof(Normalization), Normalization, "not a choice normalization");
        }

        if (!Enum.IsDefined(Extraction))
        {
            throw new ArgumentOutOfRangeException(nameof(Extraction), Extraction, "not an answer extraction rule");
        }

        LanguageCheck?.Validate();
        ArgumentNullException.ThrowIfNull(StopStrings, nameof(StopStrings));
        if (StopStrings.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("a stop string is empty.", nameof(StopStrings));
        }
    }
}
