using System.Globalization;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers.ChatTemplates;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// Scores any <see cref="ICausalLm"/> (a loaded model, a merged one, a <see cref="LayerPathModel"/>) on one task.
/// The examples are read, rendered and tokenized once, at construction; <see cref="Score"/> only runs the model.
/// Stateless between calls, but the model it is given is not thread-safe: one call at a time per model.
/// </summary>
public sealed class LanguageTaskScorer
{
    private readonly LanguageTaskOptions _options;
    private readonly long _padId;
    private readonly int _highestTokenId;
    private readonly ScoringRequest[][] _choiceRequests;
    private readonly ScoringRequest[] _textRequests;
    private readonly long[][] _generationPrompts;
    private readonly string?[] _referenceAnswers;

    /// <exception cref="TaskDataException">A task or few-shot file is missing or malformed, or an example cannot be tokenized for scoring.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public LanguageTaskScorer(LanguageTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var tokenizer = options.Tokenizer;
        _padId = tokenizer.PadTokenId ?? tokenizer.EosTokenId ?? 0;
        (FewShotExamples, Examples) = SelectExamples(options);
        var shots = FewShotExamples.Select(Target).ToArray();
        Prompts = Examples.Select(e => e is PerplexityExample p ? p.Text : Chat(e, options.Prompt.Context(shots, PromptOf(e)))).ToArray();

        // A chat template writes the BOS token itself where the model wants one.
        var bos = options.AddBos && options.ChatTemplate is null && tokenizer.BosTokenId is { } b ? new long[] { b } : [];
        _choiceRequests = [];
        _textRequests = [];
        _generationPrompts = [];
        _referenceAnswers = [];
        switch (options.Kind)
        {
            case LanguageTaskKind.MultipleChoice:
                _choiceRequests = Examples.Select((e, i) => ChoiceRequests((MultipleChoiceExample)e, Prompts[i], bos)).ToArray();
                break;
            case LanguageTaskKind.Generation:
                _generationPrompts = Examples.Select((e, i) => GenerationPrompt(e, Prompts[i], bos)).ToArray();
                _referenceAnswers = Examples.Select(e => ReferenceAnswer((GenerationExample)e)).ToArray();
                break;
            default:
                _textRequests = Examples.Select((e, i) => TextRequest(e, Prompts[i], bos)).ToArray();
                break;
        }

        CheckContext(options);
        _highestTokenId = (int)_choiceRequests.SelectMany(r => r).Concat(_textRequests).Select(r => r.Ids)
            .Concat(_generationPrompts).SelectMany(ids => ids).Append(_padId).Max();
    }

    public string Name => _options.Name;

    public LanguageTaskKind Kind => _options.Kind;

    /// <summary>The examples scored, in order (after removing few-shot examples and applying the limit).</summary>
    public IReadOnlyList<LanguageExample> Examples { get; }

    /// <summary>The solved examples put before every prompt.</summary>
    public IReadOnlyList<LanguageExample> FewShotExamples { get; }

    /// <summary>The rendered context of every scored example (the text itself for perplexity tasks).</summary>
    public IReadOnlyList<string> Prompts { get; }

    /// <summary>Metrics over all scored examples and the per-example scores (see <see cref="ScoreExamples"/>).</summary>
    /// <exception cref="EvaluationFailedException">A log-likelihood is NaN or infinite.</exception>
    /// <exception cref="FatalEvaluationException">The model's vocabulary is smaller than the tokenizer's ids.</exception>
    public EvaluationResult Score(ICausalLm model, CancellationToken ct)
    {
        var outcomes = ScoreExamples(model, ct);
        var scores = outcomes.Select(o => o.Score).ToArray();
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        switch (Kind)
        {
            case LanguageTaskKind.MultipleChoice:
                metrics["accuracy"] = scores.Average();
                break;
            case LanguageTaskKind.Generation:
                metrics["exact_match"] = scores.Average();
                if (_options.LanguageCheck is not null)
                {
                    metrics["answer_match"] = outcomes.Average(o => o.AnswerMatches == true ? 1.0 : 0.0);
                    metrics["language_ok"] = outcomes.Average(o => o.LanguageOk == true ? 1.0 : 0.0);
                }

                break;
            default:
                var meanNll = -outcomes.Sum(o => o.LogLikelihood!.Value) / outcomes.Sum(o => o.TokenCount!.Value);
                var perplexity = Math.Exp(meanNll);
                if (!double.IsFinite(perplexity))
                {
                    throw new EvaluationFailedException($"{Name}: the perplexity overflows (mean NLL {meanNll.ToString(CultureInfo.InvariantCulture)} nats per token).");
                }

                metrics["neg_nll"] = -meanNll;
                metrics["neg_perplexity"] = -perplexity;
                break;
        }

        return new EvaluationResult(metrics, scores);
    }

    /// <summary>Every scored example's outcome, in the order of <see cref="Examples"/>.</summary>
    public IReadOnlyList<ExampleOutcome> ScoreExamples(ICausalLm model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ct.ThrowIfCancellationRequested();
        if (_highestTokenId >= model.Config.VocabSize)
        {
            throw new FatalEvaluationException(
                $"{Name}: the tokenizer ({_options.Tokenizer.Format}) produces token id {_highestTokenId}, but the model's vocabulary has {model.Config.VocabSize} entries.");
        }

        return Kind switch
        {
            LanguageTaskKind.MultipleChoice => ScoreChoices(model, ct),
            LanguageTaskKind.Generation => ScoreGenerations(model, ct),
            _ => ScoreTexts(model, ct),
        };
    }

    private ExampleOutcome[] ScoreChoices(ICausalLm model, CancellationToken ct)
    {
        var flat = _choiceRequests.SelectMany(r => r).ToArray();
        var sums = LogLikelihoods.Compute(model, flat, Batching(model), _padId, ct);
        var outcomes = new ExampleOutcome[Examples.Count];
        var next = 0;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var example = (MultipleChoiceExample)Examples[i];
            var requests = _choiceRequests[i];
            var logLikelihoods = sums.AsSpan(next, requests.Length).ToArray();
            next += requests.Length;
            var normalized = new double[requests.Length];
            for (var c = 0; c < requests.Length; c++)
            {
                RequireFinite(logLikelihoods[c], example, $" (choice {c})");
                normalized[c] = _options.Normalization switch
                {
                    ChoiceNormalization.PerToken => logLikelihoods[c] / requests[c].ContinuationLength,
                    ChoiceNormalization.PerCharacter => logLikelihoods[c] / (ContinuationDelimiter + example.Choices[c]).Length,
                    _ => logLikelihoods[c],
                };
            }

            var predicted = Array.IndexOf(normalized, normalized.Max());
            outcomes[i] = new ExampleOutcome(i, example.Source, predicted == example.Answer ? 1.0 : 0.0)
            {
                ChoiceLogLikelihoods = logLikelihoods,
                ChoiceScores = normalized,
                PredictedChoice = predicted,
            };
        }

        return outcomes;
    }

    private ExampleOutcome[] ScoreGenerations(ICausalLm model, CancellationToken ct)
    {
        var tokenizer = _options.Tokenizer;
        var generation = new GenerationOptions
        {
            MaxNewTokens = _options.MaxNewTokens,
            StopTokenIds = tokenizer.StopTokenIds.Select(id => (long)id).ToList(),
        };
        var generated = BatchedGeneration.Generate(model, _generationPrompts, Batching(model), _padId, generation, ct);
        var outcomes = new ExampleOutcome[Examples.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var output = CutAtStopString(tokenizer.Decode(generated[i].Select(t => (int)t)));
            var extracted = AnswerExtractor.Extract(output, _options.Extraction);
            var matches = extracted is not null && string.Equals(extracted, _referenceAnswers[i], StringComparison.Ordinal);
            bool? languageOk = _options.LanguageCheck?.Passes(output);
            outcomes[i] = new ExampleOutcome(i, Examples[i].Source, matches && languageOk != false ? 1.0 : 0.0)
            {
                Output = output,
                ExtractedAnswer = extracted,
                AnswerMatches = matches,
                LanguageOk = languageOk,
            };
        }

        return outcomes;
    }

    private ExampleOutcome[] ScoreTexts(ICausalLm model, CancellationToken ct)
    {
        var sums = LogLikelihoods.Compute(model, _textRequests, Batching(model), _padId, ct);
        var outcomes = new ExampleOutcome[Examples.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            RequireFinite(sums[i], Examples[i], "");
            var tokens = _textRequests[i].ContinuationLength;
            outcomes[i] = new ExampleOutcome(i, Examples[i].Source, sums[i] / tokens) { TokenCount = tokens, LogLikelihood = sums[i] };
        }

        return outcomes;
    }

    private BatchLimits Batching(ICausalLm model) =>
        new(_options.BatchSize, _options.MaxBatchTokens ?? BatchLimits.AutomaticTokens(model.Config.VocabSize));

    /// <summary>The tokens each example needs at once: its longest sequence, plus the tokens generation may add.</summary>
    private int[] TokensNeeded() => _options.Kind switch
    {
        LanguageTaskKind.MultipleChoice => _choiceRequests.Select(r => r.Max(c => c.Ids.Length)).ToArray(),
        LanguageTaskKind.Generation => _generationPrompts.Select(p => p.Length + _options.MaxNewTokens).ToArray(),
        _ => _textRequests.Select(r => r.Ids.Length).ToArray(),
    };

    /// <summary>
    /// Refuses examples longer than the model's context: scored anyway they would either be silently wrong (positions
    /// past the context) or, for very long prompts, take more memory than the machine has.
    /// </summary>
    private void CheckContext(LanguageTaskOptions options)
    {
        if (options.ContextLength is not { } context)
        {
            return;
        }

        var needed = TokensNeeded();
        var tooLong = Enumerable.Range(0, needed.Length).Where(i => needed[i] > context).ToArray();
        if (tooLong.Length == 0)
        {
            return;
        }

        var first = tooLong[0];
        var what = options.Kind switch
        {
            LanguageTaskKind.MultipleChoice => "its prompt with its longest choice",
            LanguageTaskKind.Generation => $"its prompt plus max_new_tokens ({options.MaxNewTokens})",
            _ => "its text",
        };
        var shots = options.FewShotCount > 0 ? $", the {options.FewShotCount} few-shot examples included" : "";
        var more = tooLong.Length > 1 ? $" {tooLong.Length - 1} more example(s) are too long as well." : "";
        throw new TaskDataException(
            $"{Examples[first].Source}: {what} takes {needed[first]} tokens{shots}, more than the model's context of {context} tokens " +
            $"(max_position_embeddings in its config.json). Shorten or remove the example, or lower few_shot or max_new_tokens.{more}");
    }

    private string CutAtStopString(string output)
    {
        var cut = output.Length;
        foreach (var stop in _options.StopStrings)
        {
            var at = output.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && at < cut)
            {
                cut = at;
            }
        }

        return output[..cut];
    }

    private void RequireFinite(double logLikelihood, LanguageExample example, string detail)
    {
        if (!double.IsFinite(logLikelihood))
        {
            throw new EvaluationFailedException(
                $"{Name}: the log-likelihood of {example.Source}{detail} is not finite ({logLikelihood.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    private ScoringRequest[] ChoiceRequests(MultipleChoiceExample example, string context, long[] bos)
    {
        var contextIds = Encode(context);
        return example.Choices.Select((choice, c) =>
        {
            // Tokenized together, as the model would see them; the tokens after the context's are the continuation.
            var whole = Encode(context + ContinuationDelimiter + choice);
            if (whole.Length <= contextIds.Length)
            {
                throw new TaskDataException($"{example.Source}: choice {c} (\"{choice}\") adds no tokens to the prompt.");
            }

            return new ScoringRequest([.. bos, .. whole], bos.Length + contextIds.Length);
        }).ToArray();
    }

    private long[] GenerationPrompt(LanguageExample example, string context, long[] bos)
    {
        long[] ids = [.. bos, .. Encode(context)];
        return ids.Length > 0 ? ids : throw new TaskDataException($"{example.Source}: the prompt encodes to no tokens.");
    }

    private ScoringRequest TextRequest(LanguageExample example, string text, long[] bos)
    {
        long[] ids = [.. bos, .. Encode(text)];
        return ids.Length >= 2
            ? new ScoringRequest(ids, 1)
            : throw new TaskDataException($"{example.Source}: the text needs at least {2 - bos.Length} token(s) to have one to predict.");
    }

    private string ReferenceAnswer(GenerationExample example) =>
        AnswerExtractor.Extract(example.Answer, _options.Extraction)
        ?? throw new TaskDataException($"{example.Source}: the answer \"{example.Answer}\" has nothing for the {_options.Extraction} rule to extract.");

    /// <summary>Between a context and a choice: the template's delimiter, or nothing after a chat template's opened assistant turn.</summary>
    private string ContinuationDelimiter => _options.ChatTemplate is null ? _options.Prompt.TargetDelimiter : "";

    private string Chat(LanguageExample example, string context)
    {
        if (_options.ChatTemplate is not { } chat)
        {
            return context;
        }

        try
        {
            return chat.RenderPrompt(context, _options.SystemPrompt);
        }
        catch (ChatTemplateException e)
        {
            throw new TaskDataException($"{example.Source}: {e.Message}", e);
        }
    }

    private long[] Encode(string text) => _options.Tokenizer.Encode(text).Select(id => (long)id).ToArray();

    private static string PromptOf(LanguageExample example) => example switch
    {
        MultipleChoiceExample m => m.Prompt,
        GenerationExample g => g.Prompt,
        _ => throw new ArgumentException($"{example.Source}: a {example.Kind} example has no prompt."),
    };

    private static (string Prompt, string Target) Target(LanguageExample example) => example switch
    {
        MultipleChoiceExample m => (m.Prompt, m.AnswerText),
        GenerationExample g => (g.Prompt, g.Answer),
        _ => throw new ArgumentException($"{example.Source}: a {example.Kind} example cannot be a few-shot example."),
    };

    private static (IReadOnlyList<LanguageExample> Shots, IReadOnlyList<LanguageExample> Scored) SelectExamples(LanguageTaskOptions options)
    {
        var task = options.Examples ?? LanguageTaskFile.Read(options.TaskPath!, options.Kind);
        var source = options.Examples is not null ? "the examples given" : options.TaskPath!;
        CheckKinds(task, options.Kind, source);
        IReadOnlyList<LanguageExample> pool = task;
        var poolSource = source;
        var shotsFromTask = options.FewShotPath is null && options.FewShotExamples is null;
        if (!shotsFromTask && options.FewShotCount > 0)
        {
            pool = options.FewShotExamples ?? LanguageTaskFile.Read(options.FewShotPath!, options.Kind);
            poolSource = options.FewShotPath ?? "the few-shot examples given";
            CheckKinds(pool, options.Kind, poolSource);
        }

        if (pool.Count < options.FewShotCount)
        {
            throw new TaskDataException($"{poolSource}: {options.FewShotCount} few-shot examples asked for, {pool.Count} available.");
        }

        var shots = pool.Take(options.FewShotCount).ToArray();
        var scored = (shotsFromTask ? task.Skip(options.FewShotCount) : task).Take(options.Limit ?? int.MaxValue).ToArray();
        if (options.Rows is { } rows && scored.Length > 0)
        {
            scored = [.. rows.PickRows(scored.Length, source).Select(i => scored[i])];
        }

        if (scored.Length == 0)
        {
            throw new TaskDataException($"{source}: no examples left to score after the {options.FewShotCount} few-shot examples.");
        }

        return (shots, scored);
    }

    private static void CheckKinds(IReadOnlyList<LanguageExample> examples, LanguageTaskKind kind, string source)
    {
        if (examples.Count == 0)
        {
            throw new TaskDataException($"{source}: no examples.");
        }

        for (var i = 0; i < examples.Count; i++)
        {
            if (examples[i] is null)
            {
                throw new TaskDataException($"{source}: example {i} is null.");
            }

            if (examples[i].Kind != kind)
            {
                throw new TaskDataException($"{source}: {examples[i].Source} is a {examples[i].Kind} example in a {kind} task.");
            }
        }
    }
}
