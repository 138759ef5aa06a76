using EvoMerge.Core.Randomness;
using EvoMerge.Experiments.EvoLlmToy;

namespace EvoMerge.Experiments.Tests.EvoLlmToy;

public sealed class ToyCorpusTests
{
    static readonly ToyCorpusGenerator Generator = new(TinyToyOptions.Corpus);
    static readonly ToyLexicon Lexicon = Generator.Lexicon;

    static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void SameSeedGivesTheSameCorpusAndAnotherSeedAnother()
    {
        var first = Generator.Generate(new Rng(3));
        var again = Generator.Generate(new Rng(3));
        var other = Generator.Generate(new Rng(4));
        Assert.Equal(first.BaseLines, again.BaseLines);
        Assert.Equal(first.ExpertALines, again.ExpertALines);
        Assert.Equal(first.ExpertBLines, again.ExpertBLines);
        Assert.Equal(first.TargetTest, again.TargetTest);
        Assert.Equal(first.Source2Test.Select(c => c.Prompt + string.Join('|', c.Choices) + c.Answer), again.Source2Test.Select(c => c.Prompt + string.Join('|', c.Choices) + c.Answer));
        Assert.NotEqual(first.BaseLines, other.BaseLines);
        Assert.NotEqual(first.TargetTest, other.TargetTest);
    }

    [Fact]
    public void TheLanguagesShareOnlyNumbersPunctuationAndMarkers()
    {
        var language1 = Lexicon.WordsOf(ToyLanguage.Language1).ToHashSet();
        var language2 = Lexicon.WordsOf(ToyLanguage.Language2).ToHashSet();
        var shared = Lexicon.SharedTokens.ToHashSet();
        Assert.Empty(language1.Intersect(language2));
        Assert.Empty(language1.Intersect(shared));
        Assert.Empty(language2.Intersect(shared));
        Assert.Equal(Lexicon.Vocabulary.Count, Lexicon.Vocabulary.Distinct().Count());

        var corpus = Generator.Generate(new Rng(1));
        var allowed1 = language1.Union(shared).ToHashSet();
        var allowed2 = language2.Union(shared).ToHashSet();
        foreach (var line in corpus.ExpertALines.Concat(corpus.Source1Test.Select(p => p.Text)))
            Assert.All(Words(line), word => Assert.Contains(word, allowed1));
        foreach (var line in corpus.ExpertBLines.Concat(corpus.TargetTest.Select(p => p.Text)).Concat(corpus.TargetDev.Select(p => p.Text)).Concat(corpus.Source2PerplexityTest))
            Assert.All(Words(line), word => Assert.Contains(word, allowed2));
        // The base mixes both languages, and holds no problem.
        var baseWords = corpus.BaseLines.SelectMany(Words).ToHashSet();
        Assert.NotEmpty(baseWords.Intersect(language1));
        Assert.NotEmpty(baseWords.Intersect(language2));
        Assert.DoesNotContain(ToyLexicon.AnswerMarker, baseWords);
        Assert.DoesNotContain(ToyLexicon.QuestionMarker, baseWords);
    }

    [Fact]
    public void WordOrderDiffers()
    {
        var clause = new ToyClause(Lexicon.Names[0], Lexicon.VerbsOf(ToyVerbKind.Add).First().Word, 3, Lexicon.Nouns[0]);
        Assert.Equal("tom buys 3 apples .", ToyGrammar.Sentence(clause, ToyLanguage.Language1));
        Assert.Equal("kiro wa mela 3 kopa .", ToyGrammar.Sentence(clause, ToyLanguage.Language2));
        Assert.Equal("how many apples does tom have now ?", ToyGrammar.Question(Lexicon.Names[0], Lexicon.Nouns[0], Lexicon, ToyLanguage.Language1));
        Assert.Equal("kiro wa mela kiom tenu ka ?", ToyGrammar.Question(Lexicon.Names[0], Lexicon.Nouns[0], Lexicon, ToyLanguage.Language2));

        // In every language-2 sentence of expert B's text the verb comes last; in language 1 it comes second.
        var corpus = Generator.Generate(new Rng(2));
        var verbs2 = Lexicon.TransitiveVerbs.Select(v => v.Word.Language2).Concat(Lexicon.IntransitiveVerbs.Select(v => v.Language2)).ToHashSet();
        var verbs1 = Lexicon.TransitiveVerbs.Select(v => v.Word.Language1).Concat(Lexicon.IntransitiveVerbs.Select(v => v.Language1)).ToHashSet();
        foreach (var sentence in corpus.ExpertBLines.SelectMany(l => l.Split(" .", StringSplitOptions.RemoveEmptyEntries)))
            Assert.Contains(Words(sentence)[^1], verbs2);
        var language1Text = corpus.BaseLines.Where(l => Words(l).All(w => !Lexicon.WordsOf(ToyLanguage.Language2).Contains(w)));
        foreach (var sentence in language1Text.SelectMany(l => l.Split(" .", StringSplitOptions.RemoveEmptyEntries)))
            Assert.Contains(Words(sentence)[1], verbs1);
    }

    [Theory]
    [InlineData(ToyLanguage.Language1)]
    [InlineData(ToyLanguage.Language2)]
    public void ProblemAnswersFollowFromTheirSentences(ToyLanguage language)
    {
        var kinds = Lexicon.TransitiveVerbs.ToDictionary(v => v.Word.In(language), v => v.Kind);
        var rng = new Rng(9);
        for (int i = 0; i < 300; i++)
        {
            var problem = Generator.Problem(language, rng);
            Assert.StartsWith("q: ", problem.Prompt);
            Assert.EndsWith(" a:", problem.Prompt);
            int count = 0;
            var sentences = problem.Prompt[3..].Split(" .", StringSplitOptions.RemoveEmptyEntries).SkipLast(1);
            foreach (var sentence in sentences)
            {
                var words = Words(sentence);
                int number = int.Parse(words.Single(w => w.All(char.IsAsciiDigit)));
                var verb = words.Single(kinds.ContainsKey);
                count = kinds[verb] switch
                {
                    ToyVerbKind.Has => number,
                    ToyVerbKind.Add => count + number,
                    ToyVerbKind.Subtract => count - number,
                    _ => throw new InvalidOperationException($"unexpected verb {verb} in a problem"),
                };
                Assert.InRange(count, 0, Lexicon.MaxNumber);
            }

            Assert.Equal(count.ToString(), problem.Answer);
        }
    }

    [Fact]
    public void HeldOutItemsAreDistinctAndNeverTrainedOn()
    {
        var corpus = Generator.Generate(new Rng(6));
        var targets = corpus.TargetDev.Concat(corpus.TargetTest).Select(p => p.Text).ToList();
        Assert.Equal(targets.Count, targets.Distinct().Count());
        var source1 = corpus.Source1Dev.Concat(corpus.Source1Test).Select(p => p.Text).ToList();
        Assert.Equal(source1.Count, source1.Distinct().Count());
        Assert.Empty(source1.Intersect(corpus.ExpertALines));
        Assert.Empty(corpus.Source2PerplexityTest.Intersect(corpus.ExpertBLines));
        var training = corpus.BaseLines.Concat(corpus.ExpertALines).Concat(corpus.ExpertBLines).SelectMany(Words).ToHashSet();
        // No training line pairs a language-2 verb with the answer marker: the target task is never trained on.
        Assert.DoesNotContain(corpus.BaseLines.Concat(corpus.ExpertBLines), l => l.Contains(ToyLexicon.AnswerMarker));
        Assert.All(corpus.ExpertALines, l => Assert.DoesNotContain(Words(l), w => Lexicon.WordsOf(ToyLanguage.Language2).Contains(w)));
        Assert.Contains(ToyLexicon.AnswerMarker, training);
    }

    [Fact]
    public void StoryChoicesDifferOnlyInTheNounAndTheAnswerKeepsTheStorysNoun()
    {
        var rng = new Rng(8);
        var nouns = Lexicon.Nouns.Select(n => n.Language2).ToHashSet();
        for (int i = 0; i < 100; i++)
        {
            var item = Generator.StoryChoice(rng);
            Assert.EndsWith(" wa", item.Prompt);
            Assert.Equal(4, item.Choices.Count);
            Assert.Equal(4, item.Choices.Select(c => Words(c)[0]).Distinct().Count());
            Assert.Single(item.Choices.Select(c => string.Join(' ', Words(c).Skip(1))).Distinct());
            var storyNouns = Words(item.Prompt).Where(nouns.Contains).Distinct().ToList();
            Assert.Equal(Words(item.Choices[item.Answer])[0], Assert.Single(storyNouns));
        }
    }

    [Fact]
    public void CountingStoriesStateTheRightResultAndCanBeTurnedOff()
    {
        var kinds = Lexicon.TransitiveVerbs.ToDictionary(v => v.Word.Language2, v => v.Kind);
        var has = Lexicon.Has.Language2;
        (int LookAlike, int Consistent) Counting(ToyCorpusOptions options)
        {
            int lookAlike = 0, consistent = 0;
            foreach (var line in new ToyCorpusGenerator(options).Generate(new Rng(10)).ExpertBLines)
            {
                var sentences = line.Split(" .", StringSplitOptions.RemoveEmptyEntries).Select(Words).ToList();
                // A counting story: "has" first and last, add/take steps between, one subject and one noun throughout.
                if (sentences.Count < 3 || sentences.Any(w => w.Length != 5) || sentences[0][4] != has || sentences[^1][4] != has) continue;
                if (sentences.Select(w => (w[0], w[2])).Distinct().Count() != 1) continue;
                var steps = sentences.Skip(1).SkipLast(1).ToList();
                if (!steps.All(w => kinds[w[4]] is ToyVerbKind.Add or ToyVerbKind.Subtract)) continue;
                int count = int.Parse(sentences[0][3]);
                foreach (var step in steps) count += kinds[step[4]] == ToyVerbKind.Add ? int.Parse(step[3]) : -int.Parse(step[3]);
                lookAlike++;
                if (count.ToString() == sentences[^1][3]) consistent++;
            }

            return (lookAlike, consistent);
        }

        var always = Counting(TinyToyOptions.Corpus with { CountingStoryShare = 1 });
        Assert.True(always.Consistent > 20, $"{always.Consistent} counting stories");
        Assert.Equal(always.LookAlike, always.Consistent);
        // Without counting stories a random last number matches the count only by chance (about 1 in 31).
        var never = Counting(TinyToyOptions.Corpus with { CountingStoryShare = 0 });
        Assert.True(never.Consistent <= 2, $"{never.Consistent} of {never.LookAlike} random stories add up");
    }
}
