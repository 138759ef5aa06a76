namespace EvoMerge.Evaluation.Contracts;

/// <summary>
/// An evaluator whose work on a candidate splits in two: staging it (work that needs no evaluation device, such
/// as writing the merged model's files) and evaluating the staged candidate. A farm slot stages its next
/// candidate while the current one is evaluated, so the device does not wait for the files.
/// <see cref="IEvaluator.Evaluate"/> is the two steps in a row.
/// </summary>
public interface IStagingEvaluator : IEvaluator
{
    /// <summary>
    /// Stages <paramref name="model"/> for one evaluation. Throws as <see cref="IEvaluator.Evaluate"/> would
    /// (a per-candidate <see cref="EvaluationFailedException"/> or a <see cref="FatalEvaluationException"/>).
    /// </summary>
    IStagedEvaluation Stage(MergedModel model, CancellationToken ct);
}
