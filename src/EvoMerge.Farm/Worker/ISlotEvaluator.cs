namespace EvoMerge.Farm.Worker;

/// <summary>
/// What a worker's slot runs on each job: turns a serialized trial into a serialized result. Evaluation errors
/// of the candidate belong in the result (a failed trial); an exception here means the slot itself broke.
/// </summary>
public interface ISlotEvaluator : IDisposable
{
    string Evaluate(string payload, CancellationToken cancellationToken);
}
