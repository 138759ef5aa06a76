namespace EvoMerge.Evaluation.Contracts;

/// <summary>This candidate's evaluation failed (timeout, bad output, non-finite metric...); the run goes on.</summary>
public sealed class EvaluationFailedException : Exception
{
    public EvaluationFailedException(string reason)
        : base(reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
    }

    public EvaluationFailedException(string reason, Exception inner)
        : base(reason, inner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
    }

    /// <summary>The reason recorded with the failed trial.</summary>
    public string Reason => Message;
}
