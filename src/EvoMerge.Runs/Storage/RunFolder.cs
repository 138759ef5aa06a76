using EvoMerge.Core.IO;
using EvoMerge.Runs.Storage.Files;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Locking;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Storage;

/// <summary>
/// A run's folder, held exclusively by this process: the resolved configuration
/// (<see cref="ConfigFileName"/>), the journal, the snapshots and the lock. <see cref="Create"/>
/// starts a new run; <see cref="Open"/> takes the lock and replays the journal (cutting off a torn
/// last line) so the run can go on. Disposing commits what the journal buffered and releases the lock.
/// </summary>
public sealed class RunFolder : IDisposable
{
    public const string ConfigFileName = "config.yml";

    private RunFolder(string path, RunLock runLock, string configText, RunJournal journal, JournalReplay replay)
    {
        Path = path;
        Lock = runLock;
        ConfigText = configText;
        Journal = journal;
        Replay = replay;
        State = RunState.From(replay);
        Snapshots = new SnapshotStore(path);
    }

    public string Path { get; }

    public RunLock Lock { get; }

    /// <summary>The resolved configuration exactly as stored when the run was created.</summary>
    public string ConfigText { get; }

    public RunJournal Journal { get; }

    public SnapshotStore Snapshots { get; }

    /// <summary>The journal as it was when the folder was created or opened.</summary>
    public JournalReplay Replay { get; }

    /// <summary>The run as replayed at open; events appended since are not in it.</summary>
    public RunState State { get; }

    /// <summary>Creates the folder (it may exist only if empty), stores the configuration and starts the journal.</summary>
    public static RunFolder Create(string path, string resolvedConfigText, RunCreated created, RunJournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(resolvedConfigText);
        ArgumentNullException.ThrowIfNull(created);
        string folder = System.IO.Path.GetFullPath(path);
        RequireEmptyOrAbsent(folder, except: CreationLeftovers);
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            DirectorySync.Flush(System.IO.Path.GetDirectoryName(folder)!);
        }

        var runLock = RunLock.Acquire(folder);
        try
        {
            // Checked again under the lock: another process may have created a run here meanwhile.
            RequireEmptyOrAbsent(folder, except: CreationLeftovers);
            RemoveUnfinishedCreation(folder);
            AtomicFile.WriteAllText(System.IO.Path.Combine(folder, ConfigFileName), resolvedConfigText, fsync: true);
            Directory.CreateDirectory(System.IO.Path.Combine(folder, SnapshotStore.FolderName));
            var journal = RunJournal.Create(folder, created, options);
            return new RunFolder(folder, runLock, resolvedConfigText, journal, RunJournal.ReadOnly(folder, options?.Codec));
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    /// <summary>Locks an existing run folder and replays its journal.</summary>
    public static RunFolder Open(string path, RunJournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string folder = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Run folder '{folder}' does not exist.");
        }

        var runLock = RunLock.Acquire(folder);
        try
        {
            string configPath = System.IO.Path.Combine(folder, ConfigFileName);
            if (!File.Exists(configPath) || !File.Exists(System.IO.Path.Combine(folder, RunJournal.FileName)))
            {
                throw UnfinishedCreation(folder, null);
            }

            string configText = File.ReadAllText(configPath);
            RunJournal journal;
            JournalReplay replay;
            try
            {
                (journal, replay) = RunJournal.Open(folder, options);
            }
            catch (InvalidDataException ex)
            {
                throw UnfinishedCreation(folder, ex);
            }

            try
            {
                return new RunFolder(folder, runLock, configText, journal, replay);
            }
            catch
            {
                journal.Dispose();
                throw;
            }
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Journal.Dispose();
        }
        finally
        {
            Lock.Dispose();
        }
    }

    private static IOException UnfinishedCreation(string folder, Exception? inner) => new(
        $"'{folder}' holds no started run: its creation was interrupted before the journal's first line was written (killed, or the disk was full), " +
        "so nothing was evaluated in it. Start the run again with `search CONFIG --out` this folder (it is reused), or delete it.", inner);

    /// <summary>What a creation killed before its journal header was written leaves behind: a new run may replace it.</summary>
    private static readonly string[] CreationLeftovers =
        [RunLock.LockFileName, RunLock.OwnerFileName, ConfigFileName, SnapshotStore.FolderName, RunJournal.FileName];

    private static void RequireEmptyOrAbsent(string folder, string[] except)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        bool onlyLeftovers = Directory.EnumerateFileSystemEntries(folder).All(e => except.Contains(System.IO.Path.GetFileName(e)) || IsTemporary(e));
        if (!onlyLeftovers || HasCreatedJournal(folder)
            || (Directory.Exists(System.IO.Path.Combine(folder, SnapshotStore.FolderName)) && Directory.EnumerateFileSystemEntries(System.IO.Path.Combine(folder, SnapshotStore.FolderName)).Any()))
        {
            throw new IOException($"Cannot create a run in '{folder}': the folder exists and is not empty. Choose a new folder, or resume the run that is there.");
        }
    }

    /// <summary>Removes the files of a creation that never wrote its journal header (called under the lock).</summary>
    private static void RemoveUnfinishedCreation(string folder)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(folder).ToList())
        {
            string name = System.IO.Path.GetFileName(entry);
            if (name is ConfigFileName or RunJournal.FileName || IsTemporary(entry))
            {
                File.Delete(entry);
            }
            else if (name == SnapshotStore.FolderName)
            {
                Directory.Delete(entry);
            }
        }
    }

    /// <summary>An atomic writer's temporary file (".NAME.GUID.tmp").</summary>
    private static bool IsTemporary(string entry) =>
        File.Exists(entry) && System.IO.Path.GetFileName(entry).StartsWith('.') && entry.EndsWith(".tmp", StringComparison.Ordinal);

    /// <summary>True when the journal holds its complete first event: the run exists, even if nothing else happened yet.</summary>
    private static bool HasCreatedJournal(string folder)
    {
        string journal = System.IO.Path.Combine(folder, RunJournal.FileName);
        if (!File.Exists(journal))
        {
            return false;
        }

        try
        {
            RunJournal.ReadOnly(folder);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        catch (JournalCorruptException)
        {
            // Damaged beyond its first line: a real run to repair, never to overwrite.
            return true;
        }
    }
}
