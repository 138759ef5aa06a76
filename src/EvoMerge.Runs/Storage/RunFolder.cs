using EvoMerge.Core.IO;

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
        RequireEmptyOrAbsent(folder, except: []);
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            DirectorySync.Flush(System.IO.Path.GetDirectoryName(folder)!);
        }

        var runLock = RunLock.Acquire(folder);
        try
        {
            // Checked again under the lock: another process may have created a run here meanwhile.
            RequireEmptyOrAbsent(folder, except: [RunLock.LockFileName, RunLock.OwnerFileName]);
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
            if (!File.Exists(configPath))
            {
                throw new FileNotFoundException($"'{folder}' has no {ConfigFileName}: it is not a run folder, or its creation did not get that far.", configPath);
            }

            string configText = File.ReadAllText(configPath);
            var (journal, replay) = RunJournal.Open(folder, options);
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

    private static void RequireEmptyOrAbsent(string folder, string[] except)
    {
        if (Directory.Exists(folder)
            && Directory.EnumerateFileSystemEntries(folder).Any(e => !except.Contains(System.IO.Path.GetFileName(e))))
        {
            throw new IOException($"Cannot create a run in '{folder}': the folder exists and is not empty. Choose a new folder, or resume the run that is there.");
        }
    }
}
