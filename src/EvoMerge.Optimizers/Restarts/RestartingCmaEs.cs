using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Restarts;

/// <summary>
/// Wraps a sequence of <see cref="CmaEs"/> runs: whenever the current run's generation is complete
/// and it reports a stop reason, the next run starts (settings from the subclass's restart policy)
/// until the restarts, the shared evaluation budget or the target are used up. Candidate ids keep
/// counting across runs; <see cref="Best"/> is the best over all runs. Restarts begin at X0, or at a
/// uniformly drawn point of the box when bounds are given.
/// </summary>
public abstract class RestartingCmaEs : IAskTellOptimizer
{
    protected const int StateVersion = 1;

    Rng _rng;
    CmaEs _inner;
    int _runs;
    long _finishedEvaluations;
    double[]? _bestGenes;
    double _bestValue = double.PositiveInfinity;

    protected RestartingCmaEs(CmaRestartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        // A stream of its own, so the first run is exactly the plain CMA-ES run with the base seed.
        _rng = new Rng(options.Base.Seed ^ 0x5DEECE66DUL);
        _inner = new CmaEs(options.Base);
        _runs = 1;
        DefaultPopulationSize = _inner.PopulationSize;
    }

    public CmaRestartOptions Options { get; }
    public abstract string Name { get; }
    public int Dimension => Options.Base.Dimension;
    /// <summary>The run in progress.</summary>
    public CmaEs Current => _inner;
    /// <summary>Runs started so far, the first included.</summary>
    public int Runs => _runs;
    public long Evaluations => _finishedEvaluations + _inner.Evaluations;
    protected int DefaultPopulationSize { get; }
    protected Rng Random => _rng;

    public (double[] Genes, double Value)? Best =>
        _bestGenes is null ? null : ((double[])_bestGenes.Clone(), _bestValue);

    public IReadOnlyList<Candidate> Ask() => _inner.Ask();

    public void Tell(IReadOnlyList<TrialOutcome> outcomes)
    {
        _inner.Tell(outcomes);
        if (_inner.Best is { } best && (_bestGenes is null || best.Value < _bestValue))
            (_bestGenes, _bestValue) = best;
        if (!_inner.HasPendingCandidates && _inner.Stop().Count > 0 && !GloballyDone() && _runs <= Options.MaxRestarts)
            StartNextRun();
    }

    public IReadOnlySet<StopReason> Stop()
    {
        var reasons = new HashSet<StopReason>();
        var b = Options.Base;
        if (b.TargetValue is { } target && _bestGenes is not null && _bestValue <= target) reasons.Add(StopReason.TargetReached);
        if (b.MaxEvaluations is { } max && Evaluations >= max) reasons.Add(StopReason.EvaluationBudget);
        if (reasons.Count == 0 && _runs > Options.MaxRestarts) reasons.UnionWith(_inner.Stop());
        return reasons;
    }

    bool GloballyDone()
    {
        var b = Options.Base;
        return (b.TargetValue is { } target && _bestGenes is not null && _bestValue <= target)
            || (b.MaxEvaluations is { } max && Evaluations >= max);
    }

    void StartNextRun()
    {
        long runEvaluations = _inner.Evaluations;
        _finishedEvaluations += runEvaluations;
        OnRunFinished(runEvaluations);
        var b = Options.Base;
        var template = b with
        {
            X0 = RestartMean(),
            Seed = _rng.NextUInt64(),
            FirstCandidateId = _inner.NextCandidateId,
            MaxEvaluations = b.MaxEvaluations is { } max ? max - _finishedEvaluations : null,
        };
        _inner = new CmaEs(NextRunOptions(template));
        _runs++;
    }

    double[] RestartMean()
    {
        var b = Options.Base;
        if (b.Bounds is null) return (double[])b.X0.Clone();
        var x = new double[b.Dimension];
        for (int i = 0; i < x.Length; i++) x[i] = _rng.NextDouble(b.Bounds.Lower[i], b.Bounds.Upper[i]);
        return x;
    }

    /// <summary>Settings of the next run: the template has X0, Seed, first id and remaining budget set.</summary>
    protected abstract CmaEsOptions NextRunOptions(CmaEsOptions template);

    /// <summary>Bookkeeping when a run ends, before <see cref="NextRunOptions"/> is asked.</summary>
    protected abstract void OnRunFinished(long runEvaluations);

    protected abstract JsonObject ExportPolicy();

    protected abstract void RestorePolicy(JsonObject policy);

    public JsonObject ExportState() => new()
    {
        ["optimizer"] = Name,
        ["version"] = StateVersion,
        ["options"] = new JsonObject
        {
            ["base"] = CmaEsOptionsJson.Write(Options.Base),
            ["maxRestarts"] = Options.MaxRestarts,
            ["populationIncrease"] = CmaJson.Number(Options.PopulationIncrease),
        },
        ["rng"] = CmaJson.Rng(_rng.State),
        ["runs"] = _runs,
        ["finishedEvaluations"] = _finishedEvaluations,
        ["best"] = _bestGenes is null ? null : new JsonObject
        {
            ["genes"] = CmaJson.Vector(_bestGenes),
            ["value"] = CmaJson.Number(_bestValue),
        },
        ["policy"] = ExportPolicy(),
        ["inner"] = _inner.ExportState(),
    };

    protected static CmaRestartOptions ReadOptions(JsonObject state, string name)
    {
        CmaJson.CheckHeader(state, name, StateVersion);
        var o = state["options"] as JsonObject ?? throw new FormatException("Restart state lacks 'options'.");
        return new CmaRestartOptions
        {
            Base = CmaEsOptionsJson.Read(o["base"]),
            MaxRestarts = CmaJson.Required<int>(o["maxRestarts"], "options.maxRestarts"),
            PopulationIncrease = CmaJson.ReadNumber(o["populationIncrease"], "options.populationIncrease"),
        };
    }

    /// <summary>Overwrites a freshly built wrapper with the exported state.</summary>
    protected void RestoreFrom(JsonObject state)
    {
        _rng = Rng.FromState(CmaJson.ReadRng(state["rng"]));
        _runs = CmaJson.Required<int>(state["runs"], "runs");
        _finishedEvaluations = CmaJson.Required<long>(state["finishedEvaluations"], "finishedEvaluations");
        if (state["best"] is JsonObject best)
        {
            _bestGenes = CmaJson.ReadVector(best["genes"], "best.genes");
            _bestValue = CmaJson.ReadNumber(best["value"], "best.value");
        }
        RestorePolicy(state["policy"] as JsonObject ?? throw new FormatException("Restart state lacks 'policy'."));
        _inner = CmaEs.Restore(state["inner"] as JsonObject ?? throw new FormatException("Restart state lacks 'inner'."));
    }
}
