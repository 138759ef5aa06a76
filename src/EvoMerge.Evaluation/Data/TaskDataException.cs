using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Evaluation.Data;

/// <summary>
/// A task's data file is missing or malformed. Every later evaluation would fail the same way, so this is fatal.
/// Messages name the file, and where it applies the line and column.
/// </summary>
public sealed class TaskDataException : FatalEvaluationException
{
    public TaskDataException(string message)
        : base(message)
    {
    }

    public TaskDataException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
