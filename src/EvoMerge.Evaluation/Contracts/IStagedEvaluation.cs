namespace EvoMerge.Evaluation.Contracts;

/// <summary>A candidate staged by an <see cref="IStagingEvaluator"/>; disposing removes what staging made (its files).</summary>
public interface IStagedEvaluation : IDisposable
{
    /// <summary>Evaluates the staged candidate, with the failure semantics of <see cref="IEvaluator.Evaluate"/>.</summary>
    EvaluationResult Evaluate(CancellationToken ct);
}
