using EvoMerge.Farm.Protocol;

namespace EvoMerge.Farm.Worker;

/// <summary>
/// The part of a worker that knows about runs: reads the run the coordinator describes, reports its view of
/// the input files, and opens one evaluator per slot.
/// </summary>
public interface IWorkerRuntime
{
    /// <summary>The worker's input-file record for the run (JSON), or why it cannot take part.</summary>
    (string? InputsJson, string? SetupError) Inspect(JoinChallenge run);

    ISlotEvaluator OpenSlot(JoinChallenge run, WorkerSlot slot);
}
