using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.State;

/// <summary>
/// One trial as the journal tells it: the asked genes, what the optimizer said about how it made them
/// (<see cref="Metadata"/>, null when nothing) and, once finished, its outcome event.
/// </summary>
public sealed record TrialRecord(
    long TrialId,
    int Generation,
    IReadOnlyList<double> Genes,
    TrialCompleted? Completion,
    TrialFailed? Failure,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    public TrialStatus Status => Completion is not null ? TrialStatus.Completed : Failure is not null ? TrialStatus.Failed : TrialStatus.Pending;

    /// <summary>Wall time of the evaluation; null while pending.</summary>
    public double? Seconds => Completion?.Seconds ?? Failure?.Seconds;

    /// <summary>The winner check's full scoring of this completed trial (<c>fitness.rescore_top</c>); null when it had none.</summary>
    public TrialRescored? Rescore { get; init; }

    /// <summary>Who evaluated it (see <see cref="TrialCompleted.Worker"/>); null while pending or when not recorded.</summary>
    public string? Worker => Completion?.Worker ?? Failure?.Worker;
}
