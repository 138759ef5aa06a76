namespace EvoMerge.Evaluation.Contracts;

/// <summary>
/// Scores one merged model on one task. Implementations open their expensive resources (sessions, data) once,
/// at construction, and may be called many times. Per-candidate problems throw <see cref="EvaluationFailedException"/>;
/// problems that would make every later evaluation fail throw <see cref="FatalEvaluationException"/>.
/// Run evaluations through <see cref="EvaluationGuard"/> to turn failures into failed trials.
/// </summary>
public interface IEvaluator : IDisposable
{
    /// <summary>Short name used in failure reasons and logs.</summary>
    string Name { get; }

    EvaluationResult Evaluate(MergedModel model, CancellationToken ct);
}
