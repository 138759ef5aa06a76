namespace EvoMerge.Search.Running;

/// <summary>How a call to <see cref="SearchRun.Run"/> ended.</summary>
public enum SearchEnd { Finished, Interrupted }

/// <summary>The run folder, how the run ended (and why), and the trial counts.</summary>
public sealed record SearchOutcome(string Folder, SearchEnd End, IReadOnlyList<string> Reasons, long Completed, long Failed);
