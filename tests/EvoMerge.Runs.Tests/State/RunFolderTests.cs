using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Files;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Locking;

namespace EvoMerge.Runs.Tests;

public class RunFolderTests
{
    private const string Config = "name: demo\noptimizer: cmaes\n";

    [Fact]
    public void Create_stores_config_journal_and_snapshot_folder_and_open_replays_them()
    {
        using var root = new TempFolder();
        string path = root.Combine("run-1");
        using (var run = RunFolder.Create(path, Config, Samples.Created()))
        {
            Assert.Equal(Config, File.ReadAllText(Path.Combine(path, RunFolder.ConfigFileName)));
            Assert.True(Directory.Exists(Path.Combine(path, SnapshotStore.FolderName)));
            Assert.Single(run.Replay.Records);
            Assert.Equal(0, run.State.NextGeneration);
            run.Journal.Append(Samples.Batch(0, 0, 2));
            run.Journal.Append(Samples.Completed(0, 0, 1));
            run.Journal.Append(run.Snapshots.Save(0, new() { ["g"] = 0 }));
        }

        using var reopened = RunFolder.Open(path);
        Assert.Equal(Config, reopened.ConfigText);
        Assert.Equal(Samples.Created().ConfigHash, reopened.State.Created.ConfigHash);
        Assert.Equal([1L], reopened.State.Pending.Select(t => t.TrialId));
        Assert.Equal(0, reopened.Snapshots.LoadLatestValid(reopened.State.Snapshots)!.State["g"]!.GetValue<int>());
        Assert.Equal(Environment.ProcessId, reopened.Lock.Owner.ProcessId);
    }

    [Fact]
    public void Create_accepts_an_empty_existing_folder_and_refuses_a_non_empty_one()
    {
        using var root = new TempFolder();
        using (RunFolder.Create(root.Path, Config, Samples.Created()))
        {
        }

        var error = Assert.Throws<IOException>(() => RunFolder.Create(root.Path, Config, Samples.Created()));
        Assert.Contains("not empty", error.Message);
    }

    [Fact]
    public void An_open_run_cannot_be_opened_or_created_again()
    {
        using var root = new TempFolder();
        string path = root.Combine("run");
        using var run = RunFolder.Create(path, Config, Samples.Created());

        Assert.Throws<RunFolderInUseException>(() => RunFolder.Open(path));
    }

    [Fact]
    public void Open_cuts_a_torn_tail_and_reports_it()
    {
        using var root = new TempFolder();
        string path = root.Combine("run");
        using (var run = RunFolder.Create(path, Config, Samples.Created()))
        {
            run.Journal.Append(Samples.Batch(0, 0, 1));
        }

        File.AppendAllText(Path.Combine(path, RunJournal.FileName), "{\"seq\":2,\"type\":\"trial_comp");
        using var reopened = RunFolder.Open(path);

        Assert.True(reopened.Replay.Report.FileTruncated);
        Assert.Equal(3, reopened.Replay.Report.TornLastLine!.LineNumber);
        Assert.Equal([0L], reopened.State.Pending.Select(t => t.TrialId));
    }

    [Fact]
    public void Open_refuses_a_folder_that_is_not_a_run_and_releases_the_lock()
    {
        using var root = new TempFolder();

        var error = Assert.Throws<IOException>(() => RunFolder.Open(root.Path));
        Assert.Contains("holds no started run", error.Message);

        using var again = RunLock.Acquire(root.Path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_creation_killed_before_the_journal_header_is_refused_by_open_and_reused_by_create(bool configWritten)
    {
        using var root = new TempFolder();
        string path = root.Combine("run");
        Directory.CreateDirectory(path);
        // What a kill (or a full disk) during creation leaves: the lock file, perhaps the config and an empty journal.
        RunLock.Acquire(path).Dispose();
        if (configWritten)
        {
            File.WriteAllText(Path.Combine(path, RunFolder.ConfigFileName), Config);
            Directory.CreateDirectory(Path.Combine(path, SnapshotStore.FolderName));
            File.WriteAllBytes(Path.Combine(path, RunJournal.FileName), []);
        }

        var refused = Assert.Throws<IOException>(() => RunFolder.Open(path));
        Assert.Contains("search CONFIG --out", refused.Message);

        using (var run = RunFolder.Create(path, Config + "seed: 2\n", Samples.Created()))
        {
            Assert.Single(run.Replay.Records);
        }
        using var reopened = RunFolder.Open(path);
        Assert.Equal(Config + "seed: 2\n", reopened.ConfigText);
    }

    [Fact]
    public void A_started_run_is_never_replaced_by_create()
    {
        using var root = new TempFolder();
        string path = root.Combine("run");
        RunFolder.Create(path, Config, Samples.Created()).Dispose();
        File.Delete(Path.Combine(path, RunLock.LockFileName));

        Assert.Throws<IOException>(() => RunFolder.Create(path, Config, Samples.Created()));
        Assert.Single(RunJournal.ReadOnly(path).Records);
    }
}
