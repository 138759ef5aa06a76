namespace EvoMerge.Farm.Worker;

/// <summary>
/// What a worker's slot runs on each job, in two steps: <see cref="Prepare"/> turns a serialized trial into a
/// built candidate (the merge), <see cref="ISlotJob.Score"/> scores it into a serialized result. A pipelined
/// slot prepares its next job on another thread while the current one is scored, never two at once.
/// Evaluation errors of the candidate belong in the result (a failed trial); an exception means the slot broke.
/// </summary>
public interface ISlotEvaluator : IDisposable
{
    ISlotJob Prepare(string payload, CancellationToken cancellationToken);
}
