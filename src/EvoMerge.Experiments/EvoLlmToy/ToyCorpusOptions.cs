using System.Text.Json.Nodes;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>Sizes and number ranges of the synthetic corpus and task files.</summary>
public sealed record ToyCorpusOptions
{
    /// <summary>Largest number token; counts and answers stay within 0..MaxNumber.</summary>
    public int MaxNumber { get; init; } = 30;

    /// <summary>Largest starting count of a problem.</summary>
    public int MaxStart { get; init; } = 15;

    /// <summary>Largest amount one step of a problem adds or takes.</summary>
    public int MaxChange { get; init; } = 9;

    /// <summary>A problem has 1..MaxOperations add/subtract steps after its starting count.</summary>
    public int MaxOperations { get; init; } = 2;

    /// <summary>Lines of the base corpus (ordinary text of both languages and translation pairs, no arithmetic).</summary>
    public int BaseLines { get; init; } = 8000;

    /// <summary>Share of base lines in language 2 (small, as Japanese is in an English-heavy pretraining mix).</summary>
    public double BaseLanguage2Share { get; init; } = 0.1;

    /// <summary>Share of base lines that are one-sentence translation pairs "l1 = l2", which align the languages.</summary>
    public double BaseParallelShare { get; init; } = 0.15;

    /// <summary>
    /// Share of the stories in ordinary text (both languages) that keep count and state the result ("has 5 . buys 3 .
    /// has 8 ."): implicit arithmetic without the problem format. 0 makes every number in ordinary text random.
    /// </summary>
    public double CountingStoryShare { get; init; } = 0.5;

    /// <summary>Language-1 arithmetic problems expert A is fine-tuned on.</summary>
    public int ExpertALines { get; init; } = 4000;

    /// <summary>Language-2 ordinary text lines expert B is fine-tuned on.</summary>
    public int ExpertBLines { get; init; } = 4000;

    /// <summary>Problems in each dev split (fitness data).</summary>
    public int DevItems { get; init; } = 300;

    /// <summary>Problems in each test split (reported only).</summary>
    public int TestItems { get; init; } = 200;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNumber, 4, nameof(MaxNumber));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStart, 1, nameof(MaxStart));
        if (MaxStart >= MaxNumber) throw new ArgumentOutOfRangeException(nameof(MaxStart), MaxStart, $"must be below MaxNumber ({MaxNumber}).");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChange, 1, nameof(MaxChange));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOperations, 1, nameof(MaxOperations));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseLines, 1, nameof(BaseLines));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpertALines, 1, nameof(ExpertALines));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpertBLines, 1, nameof(ExpertBLines));
        ArgumentOutOfRangeException.ThrowIfLessThan(DevItems, 1, nameof(DevItems));
        ArgumentOutOfRangeException.ThrowIfLessThan(TestItems, 1, nameof(TestItems));
        if (!(CountingStoryShare >= 0 && CountingStoryShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(CountingStoryShare), CountingStoryShare, "must lie in [0, 1].");
        if (!(BaseLanguage2Share >= 0 && BaseParallelShare >= 0 && BaseLanguage2Share + BaseParallelShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(BaseLanguage2Share), $"BaseLanguage2Share ({BaseLanguage2Share}) and BaseParallelShare ({BaseParallelShare}) must be non-negative with a sum of at most 1.");
    }

    public JsonObject ToJson() => new()
    {
        ["max_number"] = MaxNumber,
        ["max_start"] = MaxStart,
        ["max_change"] = MaxChange,
        ["max_operations"] = MaxOperations,
        ["base_lines"] = BaseLines,
        ["base_language2_share"] = BaseLanguage2Share,
        ["base_parallel_share"] = BaseParallelShare,
        ["counting_story_share"] = CountingStoryShare,
        ["expert_a_lines"] = ExpertALines,
        ["expert_b_lines"] = ExpertBLines,
        ["dev_items"] = DevItems,
        ["test_items"] = TestItems,
    };
}
