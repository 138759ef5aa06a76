using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Tests;

public class JournalCommitTests
{
    [Fact]
    public void Appends_are_buffered_and_each_commit_flushes_to_disk_once()
    {
        using var folder = new TempFolder();
        var flush = new CountingDiskFlush();
        string path = Path.Combine(folder.Path, RunJournal.FileName);
        using var journal = RunJournal.Create(folder.Path, Samples.Created(), new RunJournalOptions { DiskFlush = flush });
        Assert.Equal(1, flush.Count);
        long created = new FileInfo(path).Length;

        journal.Append(Samples.Batch(0, 0, 3));
        journal.Append(Samples.Completed(0, 0, 1));
        journal.Append(Samples.Completed(1, 0, 2));

        Assert.Equal(3, journal.UncommittedEvents);
        Assert.Equal(created, new FileInfo(path).Length);
        Assert.Equal(1, flush.Count);

        journal.Commit();

        Assert.Equal(2, flush.Count);
        Assert.Equal(0, journal.UncommittedEvents);
        Assert.Equal(4, RunJournal.ReadOnly(folder.Path).Records.Count);

        journal.Commit();
        Assert.Equal(2, flush.Count);
    }

    [Fact]
    public void Commit_every_append_flushes_each_line()
    {
        using var folder = new TempFolder();
        var flush = new CountingDiskFlush();
        using var journal = RunJournal.Create(folder.Path, Samples.Created(), new RunJournalOptions { DiskFlush = flush, CommitEveryAppend = true });

        journal.Append(Samples.Batch(0, 0, 2));
        journal.Append(Samples.Completed(0, 0, 1));

        Assert.Equal(3, flush.Count);
        Assert.Equal(0, journal.UncommittedEvents);
        Assert.Equal(3, RunJournal.ReadOnly(folder.Path).Records.Count);
    }

    [Fact]
    public void Disposing_commits_what_is_buffered()
    {
        using var folder = new TempFolder();
        var flush = new CountingDiskFlush();
        using (var journal = RunJournal.Create(folder.Path, Samples.Created(), new RunJournalOptions { DiskFlush = flush }))
        {
            journal.Append(Samples.Batch(0, 0, 1));
        }

        Assert.Equal(2, flush.Count);
        Assert.Equal(2, RunJournal.ReadOnly(folder.Path).Records.Count);
    }

    [Fact]
    public void Opening_continues_the_sequence_and_cutting_a_torn_line_is_flushed()
    {
        using var folder = new TempFolder();
        Samples.WriteSmallJournal(folder.Path);
        File.AppendAllText(Path.Combine(folder.Path, RunJournal.FileName), "{\"se");
        var flush = new CountingDiskFlush();

        var (journal, replay) = RunJournal.Open(folder.Path, new RunJournalOptions { DiskFlush = flush });
        using (journal)
        {
            Assert.Equal(1, flush.Count);
            Assert.Equal(6, journal.NextSequence);
            Assert.Equal(6, journal.Append(new RunFinished(["done"])));
        }

        Assert.Equal(7, RunJournal.ReadOnly(folder.Path).Records.Count);
    }

    [Fact]
    public void A_failed_commit_leaves_only_committed_lines_and_the_journal_refuses_further_use()
    {
        using var folder = new TempFolder();
        var flush = new CountingDiskFlush();
        var journal = RunJournal.Create(folder.Path, Samples.Created(), new RunJournalOptions { DiskFlush = flush });
        journal.Append(Samples.Batch(0, 0, 2));
        journal.Commit();
        journal.Append(Samples.Completed(0, 0, 1));
        flush.Fail = true;

        Assert.Throws<IOException>(journal.Commit);
        var error = Assert.Throws<InvalidOperationException>(() => journal.Append(Samples.Completed(1, 0, 1)));
        Assert.Contains("reopen", error.Message);
        journal.Dispose();

        var replay = RunJournal.ReadOnly(folder.Path);
        Assert.Equal(2, replay.Records.Count);
        Assert.False(replay.Report.TornLastLineDropped);
    }

    [Fact]
    public void A_disposed_journal_refuses_appends()
    {
        using var folder = new TempFolder();
        var journal = RunJournal.Create(folder.Path, Samples.Created());
        journal.Dispose();

        Assert.Throws<ObjectDisposedException>(() => journal.Append(Samples.Batch(0, 0, 1)));
    }
}
