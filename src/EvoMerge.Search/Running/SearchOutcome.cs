namespace EvoMerge.Search.Running;

/// <summary>How a call to <see cref="SearchRun.Run"/> ended.</summary>
public enum SearchEnd { Finished, Interrupted }

/// <summary>
/// The run folder, how the run ended (and why), the trial counts, and the most common failure reason (an
/// example of it and how many failed trials gave a reason of that shape; null without failures).
/// </summary>
public sealed record SearchOutcome(string Folder, SearchEnd End, IReadOnlyList<string> Reasons, long Completed, long Failed, (string Reason, long Count)? MostCommonFailure = null)
{
    /// <summary>The run finished and spent its evaluations, yet not one trial completed: nothing was found.</summary>
    public bool EveryTrialFailed => End == SearchEnd.Finished && Completed == 0 && Failed > 0;
}
