using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Llama;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// Scores merged Llama-family weights on a language-model task (multiple choice, generation or perplexity; see
/// README.md). Each evaluation builds the model in memory from the candidate's tensors, scores it with
/// <see cref="Scorer"/> and frees it again. <see cref="Score"/> scores a model built elsewhere (a
/// <see cref="LayerPathModel"/> of a data-flow merge, say). Not thread-safe: one evaluation at a time.
/// </summary>
public sealed class LanguageTaskEvaluator : IEvaluator
{
    private readonly LanguageEvaluatorOptions _options;
    private bool _disposed;

    /// <exception cref="Data.TaskDataException">The task cannot be read or tokenized.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public LanguageTaskEvaluator(LanguageEvaluatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Scorer = new LanguageTaskScorer(options.Task with
        {
            ContextLength = options.Task.ContextLength ?? options.ModelConfig.MaxPositionEmbeddings,
        });
    }

    public string Name => Scorer.Name;

    public LanguageTaskScorer Scorer { get; }

    public LlamaConfig ModelConfig => _options.ModelConfig;

    /// <summary>The tensor names a merged model must have, in checkpoint order.</summary>
    public IReadOnlyList<string> TensorNames => LlamaTensorNames.Expected(ModelConfig).Select(e => e.Name).ToArray();

    /// <summary>
    /// Why tensors with these names, dtypes and shapes would not make up the configured model (empty when they do).
    /// Lets a run check its merge plan from checkpoint headers before reading any weights.
    /// </summary>
    public IReadOnlyList<string> FindProblems(IReadOnlyList<TensorSpec> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return LlamaTensorCheck.FindProblems(ModelConfig, tensors);
    }

    /// <exception cref="FatalEvaluationException">The tensors do not fit the config (the message names each tensor).</exception>
    /// <exception cref="EvaluationFailedException">A log-likelihood is NaN or infinite.</exception>
    public EvaluationResult Evaluate(MergedModel model, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(model);
        ct.ThrowIfCancellationRequested();
        MergedLlama built;
        try
        {
            built = MergedLlama.Build(model, ModelConfig, _options.LoadOptions);
        }
        catch (FatalEvaluationException e)
        {
            throw new FatalEvaluationException($"{Name}: {e.Message}", e);
        }

        using (built)
        {
            return Scorer.Score(built.Model, ct);
        }
    }

    /// <summary>Scores a model built elsewhere; the caller keeps ownership of it.</summary>
    public EvaluationResult Score(ICausalLm model, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Scorer.Score(model, ct);
    }

    /// <summary>Nothing native is held between evaluations; this only stops further use.</summary>
    public void Dispose() => _disposed = true;
}
