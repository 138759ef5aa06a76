using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Genetic.State;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.Random;

/// <summary>
/// Uniform sampling in the bounds, one batch per Ask: the baseline every comparison includes. The
/// outcomes only update the best-so-far and the counters; they never influence the samples.
/// </summary>
public sealed class RandomSearch : IAskTellOptimizer
{
    public const string OptimizerName = "random";
    const int StateVersion = 1;

    readonly Bounds _bounds;
    readonly int _batchSize;
    readonly int _objectives;
    readonly ITermination? _termination;
    readonly Rng _rng;
    readonly RunProgress _progress;
    readonly PendingBatch _batch;
    long _nextId;

    public RandomSearch(RandomSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bounds = options.Bounds ?? throw new ArgumentNullException(nameof(options.Bounds));
        _batchSize = options.BatchSize;
        _objectives = options.Objectives;
        _termination = options.Termination;
        Validate();
        _rng = new Rng(options.Seed);
        _progress = new RunProgress();
        _batch = new PendingBatch(_objectives);
    }

    RandomSearch(JsonObject state, Func<TimeSpan> clock)
    {
        StateJson.ExpectHeader(state, OptimizerName, StateVersion);
        var options = StateJson.RequiredObject(state, "options");
        _bounds = StateJson.ReadBounds(options["bounds"]);
        _batchSize = StateJson.ReadInt(options, "batchSize");
        _objectives = StateJson.ReadInt(options, "objectives");
        _termination = TerminationFactory.Restore(options["termination"], clock);
        Validate();
        _rng = StateJson.ReadRng(state["rng"]);
        _nextId = StateJson.ReadLong(state, "nextId");
        _progress = RunProgress.FromJson(state["progress"]);
        _batch = PendingBatch.FromJson(state["batch"], _objectives);
    }

    /// <summary>Rebuilds from <see cref="ExportState"/>; a time termination reads <paramref name="clock"/> (default: a stopwatch started now).</summary>
    public static RandomSearch Restore(JsonObject state, Func<TimeSpan>? clock = null) =>
        new(state, clock ?? ElapsedClock.StartNew());

    void Validate()
    {
        if (_bounds.Dimension < 1) throw new ArgumentException("The bounds need at least one gene.");
        if (_batchSize < 1) throw new ArgumentOutOfRangeException("BatchSize", _batchSize, "The batch size must be at least 1.");
        if (_objectives < 1) throw new ArgumentOutOfRangeException("Objectives", _objectives, "At least one objective is needed.");
    }

    public string Name => OptimizerName;

    public int Dimension => _bounds.Dimension;

    /// <summary>Completed batches.</summary>
    public int Generation => _progress.Generations;

    /// <summary>Candidates asked but not yet told.</summary>
    public IReadOnlyList<Candidate> Pending => _batch.Outstanding;

    public (double[] Genes, double Value)? Best => _progress.Best;

    public IReadOnlyList<Candidate> Ask()
    {
        if (_batch.IsOpen)
            throw new InvalidOperationException($"{_batch.OutstandingCount} candidate(s) of this batch are still awaiting Tell (see Pending).");
        var issued = Enumerable.Range(0, _batchSize)
            .Select(_ => (Id: _nextId++, Genes: PopulationInitializer.Uniform(_bounds, _rng)))
            .ToArray();
        _batch.Open(issued);
        return issued.Select(c => new Candidate(c.Id, c.Genes.ToArray())).ToArray();
    }

    public void Tell(IReadOnlyList<TrialOutcome> outcomes)
    {
        foreach (var (genes, objectives) in _batch.Accept(outcomes)) _progress.Record(genes, objectives);
        if (!_batch.IsComplete) return;
        _batch.Close();
        _progress.CompleteGeneration();
    }

    public IReadOnlySet<StopReason> Stop() => _termination?.Check(_progress.Snapshot()) ?? new HashSet<StopReason>();

    public JsonObject ExportState() => new()
    {
        ["optimizer"] = OptimizerName,
        ["version"] = StateVersion,
        ["options"] = new JsonObject
        {
            ["bounds"] = StateJson.WriteBounds(_bounds),
            ["batchSize"] = _batchSize,
            ["objectives"] = _objectives,
            ["termination"] = _termination?.Describe().ToJson(),
        },
        ["rng"] = StateJson.WriteRng(_rng.State),
        ["nextId"] = _nextId,
        ["progress"] = _progress.ToJson(),
        ["batch"] = _batch.ToJson(),
    };
}
