using System.Buffers;
using EvoMerge.Core.IO;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// The append-only event log of a run, <c>journal.jsonl</c> (line format: <see cref="JournalLine"/>;
/// replay rules: <see cref="JournalReader"/>). <see cref="Append"/> buffers a line in memory;
/// <see cref="Commit"/> writes the buffered lines and flushes them to disk, so after a crash the
/// file holds every committed line and at most a torn piece of the next commit. Opening replays the
/// file and cuts such a torn last line off before appending resumes, keeping the file well-formed.
/// One writer per file: callers hold the run folder's <see cref="RunLock"/>. Thread-safe.
/// </summary>
public sealed class RunJournal : IDisposable
{
    public const string FileName = "journal.jsonl";

    private readonly FileStream _stream;
    private readonly RunJournalOptions _options;
    private readonly ArrayBufferWriter<byte> _uncommitted = new();
    private readonly Lock _gate = new();
    private long _nextSequence;
    private int _uncommittedEvents;
    private long _committedLength;
    private Exception? _fault;
    private bool _disposed;

    private RunJournal(string filePath, FileStream stream, long nextSequence, RunJournalOptions options)
    {
        FilePath = filePath;
        _stream = stream;
        _nextSequence = nextSequence;
        _options = options;
        _committedLength = stream.Length;
    }

    public string FilePath { get; }

    /// <summary>The sequence number the next appended event gets.</summary>
    public long NextSequence
    {
        get
        {
            lock (_gate)
            {
                return _nextSequence;
            }
        }
    }

    /// <summary>Events appended since the last commit (lost if the process dies now).</summary>
    public int UncommittedEvents
    {
        get
        {
            lock (_gate)
            {
                return _uncommittedEvents;
            }
        }
    }

    /// <summary>Starts a journal in <paramref name="folder"/> with its first event, committed at once.</summary>
    public static RunJournal Create(string folder, RunCreated created, RunJournalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(created);
        string directory = ExistingDirectory(folder);
        string path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            throw new IOException($"'{path}' already exists; a run's journal is created only once (open it to continue the run).");
        }

        var journal = new RunJournal(path, OpenStream(path, FileMode.CreateNew, FileShare.Read), 0, options ?? RunJournalOptions.Default);
        try
        {
            lock (journal._gate)
            {
                journal.AppendLine(created);
                journal.CommitCore();
            }

            DirectorySync.Flush(directory);
            return journal;
        }
        catch
        {
            journal._stream.Dispose();
            throw;
        }
    }

    /// <summary>Replays the journal in <paramref name="folder"/>, drops a torn last line, and opens it for appending.</summary>
    public static JournalOpenResult Open(string folder, RunJournalOptions? options = null)
    {
        options ??= RunJournalOptions.Default;
        string path = ExistingJournal(folder);
        var stream = OpenStream(path, FileMode.Open, FileShare.Read);
        try
        {
            var replay = JournalReader.Replay(stream, path, options.Codec);
            RequireCreation(replay);
            var report = replay.Report;
            if (report.TornLastLineDropped)
            {
                stream.SetLength(report.ValidLength);
                options.DiskFlush.FlushToDisk(stream);
                report = report with { FileTruncated = true };
            }

            stream.Seek(0, SeekOrigin.End);
            return new JournalOpenResult(new RunJournal(path, stream, replay.Records.Count, options), replay with { Report = report });
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Replays without changing the file (a torn last line is reported, not cut): for reports on a live run.</summary>
    public static JournalReplay ReadOnly(string folder, JournalEventCodec? codec = null)
    {
        string path = ExistingJournal(folder);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var replay = JournalReader.Replay(stream, path, codec ?? JournalEventCodec.Default);
        RequireCreation(replay);
        return replay;
    }

    /// <summary>Buffers one event and returns its sequence number; durable after the next <see cref="Commit"/>.</summary>
    public long Append(JournalEvent journalEvent)
    {
        ArgumentNullException.ThrowIfNull(journalEvent);
        if (journalEvent is RunCreated)
        {
            throw new ArgumentException($"\"{RunCreated.TypeName}\" is written once, by {nameof(Create)}.", nameof(journalEvent));
        }

        lock (_gate)
        {
            ThrowIfUnusable();
            long sequence = AppendLine(journalEvent);
            if (_options.CommitEveryAppend)
            {
                CommitCore();
            }

            return sequence;
        }
    }

    /// <summary>Writes the buffered lines and flushes them to disk (one fsync); nothing to do when none are buffered.</summary>
    public void Commit()
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            CommitCore();
        }
    }

    /// <summary>Commits what is buffered (unless an earlier commit failed), then closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                if (_fault is null)
                {
                    CommitCore();
                }
            }
            finally
            {
                _stream.Dispose();
            }
        }
    }

    private long AppendLine(JournalEvent journalEvent)
    {
        _uncommitted.Write(JournalLine.Encode(_nextSequence, journalEvent));
        _uncommittedEvents++;
        return _nextSequence++;
    }

    private void CommitCore()
    {
        if (_uncommittedEvents == 0)
        {
            return;
        }

        try
        {
            _stream.Write(_uncommitted.WrittenSpan);
            _options.DiskFlush.FlushToDisk(_stream);
        }
        catch (Exception ex)
        {
            // A half-written commit must not be followed by more lines (that would be damage in the
            // middle): cut it off if possible and refuse further use; reopening replays what is durable.
            _fault = ex;
            TryTruncate(_committedLength);
            throw;
        }

        _committedLength += _uncommitted.WrittenCount;
        _uncommitted.ResetWrittenCount();
        _uncommittedEvents = 0;
    }

    private void TryTruncate(long length)
    {
        try
        {
            _stream.SetLength(length);
        }
        catch (IOException)
        {
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fault is not null)
        {
            throw new InvalidOperationException(
                $"A commit to '{FilePath}' failed ({_fault.Message}); reopen the run to continue from what is on disk.", _fault);
        }
    }

    private static void RequireCreation(JournalReplay replay)
    {
        if (replay.Records.Count == 0)
        {
            throw new InvalidDataException(
                $"'{replay.Report.FilePath}' holds no complete \"{RunCreated.TypeName}\" event: the run was never fully created. Delete its folder and start the search again.");
        }
    }

    /// <summary>Unbuffered: lines are buffered here and reach the OS in one write per commit.</summary>
    private static FileStream OpenStream(string path, FileMode mode, FileShare share) =>
        new(path, mode, FileAccess.ReadWrite, share, bufferSize: 0);

    private static string ExistingDirectory(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string directory = Path.GetFullPath(folder);
        return Directory.Exists(directory)
            ? directory
            : throw new DirectoryNotFoundException($"Run folder '{directory}' does not exist.");
    }

    private static string ExistingJournal(string folder)
    {
        string path = Path.Combine(ExistingDirectory(folder), FileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"'{Path.GetDirectoryName(path)}' has no {FileName}: it is not a run folder, or its creation did not get that far.", path);
    }
}
