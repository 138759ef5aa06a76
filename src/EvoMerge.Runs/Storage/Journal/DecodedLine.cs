namespace EvoMerge.Runs.Storage.Journal;

/// <summary>A journal line whose checksum matched: its sequence number and event.</summary>
internal readonly record struct DecodedLine(long Sequence, JournalEvent Event);
