using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Dashboard.Live;

/// <summary>
/// One run folder followed while it runs: <see cref="Refresh"/> reads only the journal bytes appended
/// since the last call and turns finished trials into <see cref="TrialPoint"/>s, appended in the order
/// the journal finished them. Finished trials never change, so a reader keeps a cursor (a count of
/// points) and asks for what came after it. Thread-safe; a refresh wakes the waiters.
/// </summary>
public sealed class LiveRun
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (int Generation, IReadOnlyList<double> Genes, IReadOnlyDictionary<string, string>? Metadata)> _asked = [];
    private readonly HashSet<long> _done = [];
    private readonly List<TrialPoint> _points = [];
    private JournalTail _tail;
    private TaskCompletionSource _changed = NewSignal();

    public LiveRun(string folder, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        Name = name;
        JournalPath = Path.Combine(Folder, RunJournal.FileName);
        if (!File.Exists(JournalPath))
        {
            throw new FileNotFoundException(
                $"'{Folder}' is not a run folder: it has no {RunJournal.FileName}. Pass the folder that `search` printed.", JournalPath);
        }

        _tail = new JournalTail(JournalPath);
    }

    /// <summary>The name the dashboard uses in URLs (the folder's name, made unique among the runs shown).</summary>
    public string Name { get; }

    public string Folder { get; }

    public string JournalPath { get; }

    /// <summary>Known once the journal's first line was read.</summary>
    public RunSchema? Schema { get; private set; }

    public bool Finished { get; private set; }

    /// <summary>Why following stopped (a damaged journal, a trial that does not fit the schema); null while healthy.</summary>
    public string? Problem { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate) return _points.Count;
        }
    }

    /// <summary>Bytes of the journal read so far (what the next refresh starts from).</summary>
    public long BytesRead
    {
        get
        {
            lock (_gate) return _tail.Offset;
        }
    }

    /// <summary>Reads what was appended to the journal; returns how many points it added.</summary>
    public int Refresh()
    {
        int added;
        TaskCompletionSource? wake = null;
        lock (_gate)
        {
            if (Problem is not null) return 0;
            int before = _points.Count;
            bool wasFinished = Finished;
            try
            {
                ApplyAll(ReadAppended());
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                Problem = e.Message;
            }

            added = _points.Count - before;
            if (added > 0 || wasFinished != Finished || Problem is not null)
            {
                wake = _changed;
                _changed = NewSignal();
            }
        }

        wake?.TrySetResult();
        return added;
    }

    /// <summary>The points after <paramref name="cursor"/> and the new cursor.</summary>
    public (IReadOnlyList<TrialPoint> Points, int Cursor) PointsFrom(int cursor)
    {
        lock (_gate)
        {
            int from = Math.Clamp(cursor, 0, _points.Count);
            return (_points.GetRange(from, _points.Count - from).AsReadOnly(), _points.Count);
        }
    }

    public IReadOnlyList<TrialPoint> Points()
    {
        lock (_gate) return _points.ToList().AsReadOnly();
    }

    public TrialPoint? Find(long trialId)
    {
        lock (_gate) return _points.Find(p => p.Id == trialId);
    }

    /// <summary>Completes once a refresh after this call changed something (or when cancelled).</summary>
    public Task Changed(CancellationToken ct)
    {
        Task signal;
        lock (_gate) signal = _changed.Task;
        return signal.WaitAsync(ct);
    }

    private IReadOnlyList<JournalRecord> ReadAppended()
    {
        try
        {
            return _tail.ReadAppended();
        }
        catch (JournalRewrittenException)
        {
            // A resume cut a torn line off: read again from the start; trials already shown are skipped.
            _tail = new JournalTail(JournalPath);
            _asked.Clear();
            return _tail.ReadAppended();
        }
    }

    private void ApplyAll(IReadOnlyList<JournalRecord> records)
    {
        foreach (var record in records)
        {
            Apply(record.Event);
        }
    }

    private void Apply(JournalEvent journalEvent)
    {
        switch (journalEvent)
        {
            case RunCreated created:
                Schema = RunSchema.From(created);
                break;
            case BatchAsked batch:
                foreach (var c in batch.Candidates)
                {
                    RequireGenes(c.Id, c.Genes.Length);
                    _asked[c.Id] = (batch.Generation, c.Genes.AsReadOnly(), c.Metadata);
                }

                Finished = false;
                break;
            case TrialCompleted completed:
                RequireObjectives(completed);
                Add(completed.TrialId, id => new TrialPoint(
                    id,
                    completed.Generation,
                    false,
                    _asked[id].Genes,
                    completed.Objectives,
                    Schema!.Metrics.Select(m => completed.Metrics.TryGetValue(m, out double v) ? v : double.NaN).ToArray(),
                    completed.Seconds,
                    null,
                    _asked[id].Metadata));
                break;
            case TrialFailed failed:
                Add(failed.TrialId, id => new TrialPoint(id, failed.Generation, true, _asked[id].Genes, null, null, failed.Seconds, failed.Reason, _asked[id].Metadata));
                break;
            case RunFinished:
                Finished = true;
                break;
        }
    }

    private void Add(long trialId, Func<long, TrialPoint> point)
    {
        if (!_asked.ContainsKey(trialId))
        {
            throw new InvalidDataException($"'{JournalPath}': trial {trialId} has an outcome but was never asked.");
        }

        if (_done.Add(trialId))
        {
            _points.Add(point(trialId));
        }
    }

    private void RequireGenes(long trialId, int genes)
    {
        if (genes != Schema!.Genes.Count)
        {
            throw new InvalidDataException($"'{JournalPath}': trial {trialId} has {genes} genes, but the run's schema names {Schema.Genes.Count}.");
        }
    }

    private void RequireObjectives(TrialCompleted completed)
    {
        if (completed.Objectives.Count != Schema!.Objectives.Count)
        {
            throw new InvalidDataException(
                $"'{JournalPath}': trial {completed.TrialId} has {completed.Objectives.Count} objective values, but the run's schema names {Schema.Objectives.Count}.");
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
