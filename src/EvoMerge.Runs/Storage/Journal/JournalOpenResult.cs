namespace EvoMerge.Runs.Storage.Journal;

/// <summary>A journal opened for appending, and what its replay found.</summary>
public sealed record JournalOpenResult(RunJournal Journal, JournalReplay Replay);
