namespace EvoMerge.Runs.Storage.Journal;

/// <summary>The valid events of a journal, in order, with the report of how they were read.</summary>
public sealed record JournalReplay(IReadOnlyList<JournalRecord> Records, ReplayReport Report)
{
    public IEnumerable<JournalEvent> Events => Records.Select(r => r.Event);
}
