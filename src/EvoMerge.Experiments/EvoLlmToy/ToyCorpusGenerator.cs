using EvoMerge.Core.Randomness;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>Draws the toy corpus from a seeded <see cref="Rng"/>: the same options and seed give the same text.</summary>
public sealed class ToyCorpusGenerator
{
    readonly ToyCorpusOptions _options;
    readonly ToyLexicon _lexicon;

    public ToyCorpusGenerator(ToyCorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _lexicon = new ToyLexicon(options.MaxNumber);
    }

    public ToyLexicon Lexicon => _lexicon;

    public ToyCorpus Generate(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        // Held-out items are drawn first and excluded from training data, so no test line is ever trained on.
        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        var targetDev = Distinct(_options.DevItems, heldOut, () => Problem(ToyLanguage.Language2, rng), p => p.Text);
        var targetTest = Distinct(_options.TestItems, heldOut, () => Problem(ToyLanguage.Language2, rng), p => p.Text);
        var source1Dev = Distinct(_options.DevItems, heldOut, () => Problem(ToyLanguage.Language1, rng), p => p.Text);
        var source1Test = Distinct(_options.TestItems, heldOut, () => Problem(ToyLanguage.Language1, rng), p => p.Text);
        var source2Dev = Distinct(_options.DevItems, heldOut, () => StoryChoice(rng), c => c.Prompt + " " + c.Choices[c.Answer]);
        var source2Test = Distinct(_options.TestItems, heldOut, () => StoryChoice(rng), c => c.Prompt + " " + c.Choices[c.Answer]);
        var perplexity = Distinct(_options.TestItems, heldOut, () => Paragraph(ToyLanguage.Language2, rng), t => t);

        var baseLines = Lines(_options.BaseLines, heldOut, () => BaseLine(rng));
        var expertA = Lines(_options.ExpertALines, heldOut, () => Problem(ToyLanguage.Language1, rng).Text);
        var expertB = Lines(_options.ExpertBLines, heldOut, () => Paragraph(ToyLanguage.Language2, rng));
        return new ToyCorpus(baseLines, expertA, expertB, targetDev, targetTest, source1Dev, source1Test, source2Dev, source2Test, perplexity);
    }

    /// <summary>A problem: a starting count, then 1..MaxOperations steps that add or take, then the question.</summary>
    public ToyProblem Problem(ToyLanguage language, Rng rng)
    {
        var subject = Pick(_lexicon.Names, rng);
        var noun = Pick(_lexicon.Nouns, rng);
        var (clauses, count) = Counting(subject, noun, rng);
        var sentences = clauses.Select(clause => ToyGrammar.Sentence(clause, language));
        var question = ToyGrammar.Question(subject, noun, _lexicon, language);
        var prompt = $"{ToyLexicon.QuestionMarker} {string.Join(' ', sentences)} {question} {ToyLexicon.AnswerMarker}";
        return new ToyProblem(prompt, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>"has" a starting count, then 1..MaxOperations add/take steps that keep the count in 0..MaxNumber.</summary>
    (List<ToyClause> Clauses, int Count) Counting(ToyWord subject, ToyWord noun, Rng rng)
    {
        int count = rng.NextInt(_options.MaxStart + 1);
        var clauses = new List<ToyClause> { new(subject, _lexicon.Has, count, noun) };
        int steps = 1 + rng.NextInt(_options.MaxOperations);
        for (int step = 0; step < steps; step++)
        {
            bool add = count == 0 || (count < _options.MaxNumber && rng.NextInt(2) == 0);
            int room = add ? _options.MaxNumber - count : count;
            int amount = 1 + rng.NextInt(Math.Min(_options.MaxChange, room));
            var verb = Pick(_lexicon.VerbsOf(add ? ToyVerbKind.Add : ToyVerbKind.Subtract).Select(v => v.Word).ToList(), rng);
            clauses.Add(new ToyClause(subject, verb, amount, noun));
            count += add ? amount : -amount;
        }

        return (clauses, count);
    }

    /// <summary>
    /// Ordinary text, half of it a "story" about one subject and one noun, half 1-3 unrelated sentences. A share
    /// <see cref="ToyCorpusOptions.CountingStoryShare"/> of stories keeps count ("has 5 ... buys 3 ... has 8"), the
    /// way ordinary text carries some arithmetic in every language; the others have random numbers.
    /// </summary>
    public string Paragraph(ToyLanguage language, Rng rng) =>
        string.Join(' ', ParagraphClauses(rng).Select(clause => ToyGrammar.Sentence(clause, language)));

    /// <summary>
    /// A language-2 story cloze: its first sentences and the next subject with "wa" as the prompt; the choices
    /// continue with the story's noun (the answer) or another noun, so picking it needs the context understood.
    /// </summary>
    public ToyChoiceItem StoryChoice(Rng rng)
    {
        var story = Story(rng, minimumSentences: 2);
        var context = string.Join(' ', story.SkipLast(1).Select(clause => ToyGrammar.Sentence(clause, ToyLanguage.Language2)));
        var last = story[^1];
        var prefix = $"{last.Subject.Language2} wa";
        string Rest(ToyClause clause) => ToyGrammar.Sentence(clause, ToyLanguage.Language2)[(prefix.Length + 1)..];
        var others = _lexicon.Nouns.Where(n => n != last.Noun).ToList();
        var choices = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var other = others[rng.NextInt(others.Count)];
            others.Remove(other);
            choices.Add(Rest(last with { Noun = other }));
        }

        int answer = rng.NextInt(4);
        choices.Insert(answer, Rest(last));
        return new ToyChoiceItem($"{context} {prefix}", choices, answer);
    }

    IReadOnlyList<ToyClause> ParagraphClauses(Rng rng)
    {
        if (rng.NextInt(2) == 0)
        {
            if (rng.NextDouble() >= _options.CountingStoryShare) return Story(rng, minimumSentences: 2);
            var subject = Pick(_lexicon.Names, rng);
            var noun = Pick(_lexicon.Nouns, rng);
            var (clauses, count) = Counting(subject, noun, rng);
            clauses.Add(new ToyClause(subject, _lexicon.Has, count, noun));
            return clauses;
        }

        int sentences = 1 + rng.NextInt(3);
        return Enumerable.Range(0, sentences).Select(_ => Clause(rng)).ToList();
    }

    List<ToyClause> Story(Rng rng, int minimumSentences)
    {
        var subject = Pick(_lexicon.Names, rng);
        var noun = Pick(_lexicon.Nouns, rng);
        int sentences = minimumSentences + rng.NextInt(2);
        return Enumerable.Range(0, sentences)
            .Select(_ => new ToyClause(subject, Pick(_lexicon.TransitiveVerbs, rng).Word, rng.NextInt(_options.MaxNumber + 1), noun))
            .ToList();
    }

    string BaseLine(Rng rng)
    {
        double draw = rng.NextDouble();
        if (draw < _options.BaseParallelShare)
        {
            var clauses = ParagraphClauses(rng);
            string Text(ToyLanguage language) => string.Join(' ', clauses.Select(clause => ToyGrammar.Sentence(clause, language)));
            return $"{Text(ToyLanguage.Language1)} {ToyLexicon.TranslationSeparator} {Text(ToyLanguage.Language2)}";
        }

        var language = draw < _options.BaseParallelShare + _options.BaseLanguage2Share ? ToyLanguage.Language2 : ToyLanguage.Language1;
        return Paragraph(language, rng);
    }

    ToyClause Clause(Rng rng)
    {
        var subject = Pick(_lexicon.Names, rng);
        if (rng.NextInt(4) == 0)
            return new ToyClause(subject, Pick(_lexicon.IntransitiveVerbs, rng));
        var verb = Pick(_lexicon.TransitiveVerbs, rng).Word;
        return new ToyClause(subject, verb, rng.NextInt(_options.MaxNumber + 1), Pick(_lexicon.Nouns, rng));
    }

    static List<T> Distinct<T>(int count, HashSet<string> seen, Func<T> draw, Func<T, string> key)
    {
        var items = new List<T>(count);
        for (int attempts = 0; items.Count < count; attempts++)
        {
            if (attempts > 1000 * count)
                throw new InvalidOperationException($"could not draw {count} distinct held-out items; widen the number ranges or ask for fewer.");
            var item = draw();
            if (seen.Add(key(item))) items.Add(item);
        }

        return items;
    }

    static List<string> Lines(int count, HashSet<string> heldOut, Func<string> draw)
    {
        var lines = new List<string>(count);
        for (int attempts = 0; lines.Count < count; attempts++)
        {
            if (attempts > 1000 * count)
                throw new InvalidOperationException($"could not draw {count} training lines outside the held-out items.");
            var line = draw();
            if (!heldOut.Contains(line)) lines.Add(line);
        }

        return lines;
    }

    static T Pick<T>(IReadOnlyList<T> items, Rng rng) => items[rng.NextInt(items.Count)];
}
