using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.State;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.Generational;

/// <summary>
/// What the batch-at-a-time optimizers (genetic algorithm, NSGA-II, random search) share: the bounds, the
/// termination, the seeded random stream, the progress counters, the batch in flight and the candidate ids;
/// Ask/Tell bookkeeping; and the envelope of their saved state (header, options, random state, progress, batch).
/// A subclass says which genomes to ask next (<see cref="NextGenomes"/>) and what a completely told batch
/// changes (<see cref="OnBatchTold"/>), and adds its own options and state.
/// </summary>
/// <remarks>
/// Construction is two-step so each subclass validates its options before anything is drawn: a fresh one calls
/// <see cref="StartRun"/> after its checks, a restored one <see cref="RestoreRun"/>.
/// </remarks>
public abstract class GenerationalOptimizer : IAskTellOptimizer
{
    private readonly int _stateVersion;
    private Rng? _rng;
    private RunProgress? _progress;
    private PendingBatch? _batch;
    private long _nextId;

    /// <summary>A fresh optimizer over <paramref name="bounds"/>; the subclass validates, then calls <see cref="StartRun"/>.</summary>
    private protected GenerationalOptimizer(string name, int stateVersion, Bounds? bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds, "Bounds");
        Name = name;
        _stateVersion = stateVersion;
        Bounds = bounds;
    }

    /// <summary>
    /// Starts restoring from <see cref="ExportState"/>: checks the header and reads the bounds and the termination
    /// (a time termination reads <paramref name="clock"/>); the subclass reads its options, validates, then calls
    /// <see cref="RestoreRun"/>.
    /// </summary>
    private protected GenerationalOptimizer(string name, int stateVersion, JsonObject state, Func<TimeSpan> clock)
    {
        StateJson.ExpectHeader(state, name, stateVersion);
        Name = name;
        _stateVersion = stateVersion;
        var options = StoredOptions(state);
        Bounds = StateJson.ReadBounds(options["bounds"]);
        Termination = TerminationFactory.Restore(options["termination"], clock);
    }

    public string Name { get; }

    public int Dimension => Bounds.Dimension;

    /// <summary>Completely told batches (generations).</summary>
    public int Generation => Progress.Generations;

    /// <summary>Candidates asked but not yet told.</summary>
    public IReadOnlyList<Candidate> Pending => Batch.Outstanding;

    public (double[] Genes, double Value)? Best => Progress.Best;

    private protected Bounds Bounds { get; }

    private protected ITermination? Termination { get; init; }

    private protected Rng Rng => _rng ?? throw NotStarted();

    private protected RunProgress Progress => _progress ?? throw NotStarted();

    private protected PendingBatch Batch => _batch ?? throw NotStarted();

    /// <summary>How the error for an Ask during an open batch names it.</summary>
    private protected virtual string BatchNoun => "generation";

    /// <summary>The "options" object of a saved state.</summary>
    private protected static JsonObject StoredOptions(JsonObject state) => StateJson.RequiredObject(state, "options");

    /// <summary>Seeds the random stream and starts empty counters and batch; call after validating.</summary>
    private protected void StartRun(ulong seed, int objectives)
    {
        _rng = new Rng(seed);
        _progress = new RunProgress();
        _batch = new PendingBatch(objectives);
    }

    /// <summary>Reads the random state, the next id, the counters and the batch in flight; call after validating.</summary>
    private protected void RestoreRun(JsonObject state, int objectives)
    {
        _rng = StateJson.ReadRng(state["rng"]);
        _nextId = StateJson.ReadLong(state, "nextId");
        _progress = RunProgress.FromJson(state["progress"]);
        _batch = PendingBatch.FromJson(state["batch"], objectives);
    }

    /// <summary>The bounds must have a gene; subclasses check this first in their validation.</summary>
    private protected void ValidateBounds()
    {
        if (Bounds.Dimension < 1) throw new ArgumentException("The bounds need at least one gene.");
    }

    /// <summary>The genomes of the next batch, drawn from <see cref="Rng"/>; called only when no batch is open.</summary>
    private protected abstract IReadOnlyList<Chromosome> NextGenomes();

    /// <summary>Called once every candidate of the batch was told, with the results in ask order.</summary>
    private protected abstract void OnBatchTold(IReadOnlyList<(Chromosome Genes, double[]? Objectives)> told);

    /// <summary>Adds the subclass's options after the bounds (the termination follows them).</summary>
    private protected abstract void WriteOptions(JsonObject options);

    /// <summary>Adds the subclass's state after the progress counters (the batch follows it).</summary>
    private protected virtual void WriteState(JsonObject state)
    {
    }

    public IReadOnlyList<Candidate> Ask()
    {
        if (Batch.IsOpen)
            throw new InvalidOperationException($"{Batch.OutstandingCount} candidate(s) of this {BatchNoun} are still awaiting Tell (see Pending).");
        var issued = NextGenomes().Select(g => (Id: _nextId++, Genes: g)).ToArray();
        Batch.Open(issued);
        return issued.Select(c => new Candidate(c.Id, c.Genes.ToArray())).ToArray();
    }

    public void Tell(IReadOnlyList<TrialOutcome> outcomes)
    {
        foreach (var (genes, objectives) in Batch.Accept(outcomes)) Progress.Record(genes, objectives);
        if (!Batch.IsComplete) return;
        OnBatchTold(Batch.Close());
        Progress.CompleteGeneration();
    }

    public IReadOnlySet<StopReason> Stop() => Termination?.Check(Progress.Snapshot()) ?? new HashSet<StopReason>();

    public JsonObject ExportState()
    {
        var options = new JsonObject { ["bounds"] = StateJson.WriteBounds(Bounds) };
        WriteOptions(options);
        options["termination"] = Termination?.Describe().ToJson();
        var state = new JsonObject
        {
            ["optimizer"] = Name,
            ["version"] = _stateVersion,
            ["options"] = options,
            ["rng"] = StateJson.WriteRng(Rng.State),
            ["nextId"] = _nextId,
            ["progress"] = Progress.ToJson(),
        };
        WriteState(state);
        state["batch"] = Batch.ToJson();
        return state;
    }

    private InvalidOperationException NotStarted() =>
        new($"{GetType().Name} did not call StartRun or RestoreRun in its constructor.");
}
