namespace EvoMerge.Search.Trials;

/// <summary>
/// Sends a generation's candidates to whatever evaluates them (this process, workers) and yields each result
/// as it completes, in any order. Candidate problems come back as failed results; fatal errors and
/// cancellation end the enumeration with an exception.
/// </summary>
public interface ITrialDispatcher : IDisposable
{
    IAsyncEnumerable<TrialResult> EvaluateAsync(IReadOnlyList<TrialRequest> batch, CancellationToken ct);
}
