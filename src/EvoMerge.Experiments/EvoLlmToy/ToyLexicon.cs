namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// The shared concept space and its words. The two languages' words are disjoint; only the number tokens
/// ("0".."max", like Arabic digits in real multilingual text), punctuation, the problem markers "q:" / "a:"
/// and the translation separator "=" are shared. Those shared tokens are what makes transfer possible at all.
/// </summary>
public sealed class ToyLexicon
{
    public const string QuestionMarker = "q:", AnswerMarker = "a:", Period = ".", QuestionMark = "?", TranslationSeparator = "=";

    public ToyLexicon(int maxNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumber, 2, nameof(maxNumber));
        MaxNumber = maxNumber;
        Numbers = Enumerable.Range(0, maxNumber + 1).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>Largest number token; every count and answer lies in 0..MaxNumber.</summary>
    public int MaxNumber { get; }

    public IReadOnlyList<string> Numbers { get; }

    public IReadOnlyList<ToyWord> Names { get; } =
    [
        new("tom", "kiro"), new("ana", "mesa"), new("bob", "tavu"), new("eva", "lino"), new("sam", "pora"), new("lia", "suna"),
    ];

    public IReadOnlyList<ToyWord> Nouns { get; } =
    [
        new("apples", "mela"), new("books", "libu"), new("coins", "zeni"), new("cats", "neko"), new("pens", "pena"), new("cups", "tazu"),
    ];

    public IReadOnlyList<(ToyWord Word, ToyVerbKind Kind)> TransitiveVerbs { get; } =
    [
        (new("has", "tenu"), ToyVerbKind.Has),
        (new("buys", "kopa"), ToyVerbKind.Add), (new("finds", "trova"), ToyVerbKind.Add), (new("gets", "prenu"), ToyVerbKind.Add),
        (new("sells", "vendi"), ToyVerbKind.Subtract), (new("loses", "perdi"), ToyVerbKind.Subtract), (new("gives", "donu"), ToyVerbKind.Subtract),
        (new("sees", "vida"), ToyVerbKind.Neutral), (new("likes", "ama"), ToyVerbKind.Neutral), (new("wants", "vola"), ToyVerbKind.Neutral),
    ];

    public IReadOnlyList<ToyWord> IntransitiveVerbs { get; } =
    [
        new("walks", "iru"), new("sleeps", "dormi"), new("sings", "kanta"), new("runs", "kura"),
    ];

    /// <summary>Function words of the question: L1 "how many N does X have now ?", L2 "X wa N kiom tenu ka ?".</summary>
    public IReadOnlyList<string> Language1FunctionWords { get; } = ["how", "many", "does", "have", "now"];

    public IReadOnlyList<string> Language2FunctionWords { get; } = ["wa", "kiom", "ka"];

    public IEnumerable<(ToyWord Word, ToyVerbKind Kind)> VerbsOf(ToyVerbKind kind) => TransitiveVerbs.Where(v => v.Kind == kind);

    public ToyWord Has => VerbsOf(ToyVerbKind.Has).Single().Word;

    /// <summary>The words only this language uses (the shared tokens excluded).</summary>
    public IReadOnlyList<string> WordsOf(ToyLanguage language)
    {
        var concepts = Names.Concat(Nouns).Concat(TransitiveVerbs.Select(v => v.Word)).Concat(IntransitiveVerbs).Select(w => w.In(language));
        var function = language == ToyLanguage.Language1 ? Language1FunctionWords : Language2FunctionWords;
        return concepts.Concat(function).ToList();
    }

    /// <summary>Tokens both languages use: markers, punctuation, numbers.</summary>
    public IReadOnlyList<string> SharedTokens =>
        new[] { QuestionMarker, AnswerMarker, Period, QuestionMark, TranslationSeparator }.Concat(Numbers).ToList();

    /// <summary>The vocabulary in a fixed order: special tokens, shared tokens, language 1, language 2.</summary>
    public IReadOnlyList<string> Vocabulary =>
        Models.Tokenizers.WordLevelTokenizer.SpecialTokens.Concat(SharedTokens).Concat(WordsOf(ToyLanguage.Language1)).Concat(WordsOf(ToyLanguage.Language2)).ToList();
}
