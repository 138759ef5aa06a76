namespace EvoMerge.Runs.Storage.Journal;

/// <summary>An event as replayed: its sequence number (from 0) and the line it came from (from 1).</summary>
public sealed record JournalRecord(long Sequence, int LineNumber, JournalEvent Event);
