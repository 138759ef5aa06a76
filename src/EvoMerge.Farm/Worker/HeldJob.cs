using System.Diagnostics;
using EvoMerge.Farm.Protocol;

namespace EvoMerge.Farm.Worker;

/// <summary>
/// A job a slot holds with its candidate built, and since when it holds it (the worker's share of the lease,
/// which the coordinator subtracts to find the dispatch overhead). Disposing frees the candidate.
/// </summary>
sealed class HeldJob(FarmJob job, ISlotJob work, Stopwatch held) : IDisposable
{
    public FarmJob Job { get; } = job;

    /// <summary>Runs from the job's arrival at the slot.</summary>
    public Stopwatch Held { get; } = held;

    /// <summary>Scores the candidate and reports it: the result with the held and scoring times.</summary>
    public SlotReport Score(CancellationToken cancellationToken)
    {
        var scoring = Stopwatch.StartNew();
        string result = work.Score(cancellationToken);
        return new SlotReport(Job.Id, result, Held.Elapsed.TotalSeconds, scoring.Elapsed.TotalSeconds);
    }

    public void Dispose() => work.Dispose();
}
