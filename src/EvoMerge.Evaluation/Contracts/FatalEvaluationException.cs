namespace EvoMerge.Evaluation.Contracts;

/// <summary>
/// An error that makes every later evaluation fail too (missing data or model file, lost device, a merged model
/// whose tensors can never fit the evaluator): the run stops cleanly instead of recording endless failed trials.
/// </summary>
public class FatalEvaluationException : Exception
{
    public FatalEvaluationException(string message)
        : base(message)
    {
    }

    public FatalEvaluationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
