using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Generational;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.State;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.Random;

/// <summary>
/// Uniform sampling in the bounds, one batch per Ask: the baseline every comparison includes. The
/// outcomes only update the best-so-far and the counters; they never influence the samples.
/// </summary>
public sealed class RandomSearch : GenerationalOptimizer
{
    public const string OptimizerName = "random";
    const int StateVersion = 1;

    readonly int _batchSize;
    readonly int _objectives;

    public RandomSearch(RandomSearchOptions options)
        : base(OptimizerName, StateVersion, NotNull(options).Bounds)
    {
        _batchSize = options.BatchSize;
        _objectives = options.Objectives;
        Termination = options.Termination;
        Validate();
        StartRun(options.Seed, _objectives);
    }

    RandomSearch(JsonObject state, Func<TimeSpan> clock)
        : base(OptimizerName, StateVersion, state, clock)
    {
        var options = StoredOptions(state);
        _batchSize = StateJson.ReadInt(options, "batchSize");
        _objectives = StateJson.ReadInt(options, "objectives");
        Validate();
        RestoreRun(state, _objectives);
    }

    /// <summary>Rebuilds from <see cref="GenerationalOptimizer.ExportState"/>; a time termination reads <paramref name="clock"/> (default: a stopwatch started now).</summary>
    public static RandomSearch Restore(JsonObject state, Func<TimeSpan>? clock = null) =>
        new(state, clock ?? ElapsedClock.StartNew());

    static RandomSearchOptions NotNull(RandomSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }

    void Validate()
    {
        ValidateBounds();
        if (_batchSize < 1) throw new ArgumentOutOfRangeException("BatchSize", _batchSize, "The batch size must be at least 1.");
        if (_objectives < 1) throw new ArgumentOutOfRangeException("Objectives", _objectives, "At least one objective is needed.");
    }

    private protected override string BatchNoun => "batch";

    private protected override IReadOnlyList<Chromosome> NextGenomes() =>
        Enumerable.Range(0, _batchSize).Select(_ => PopulationInitializer.Uniform(Bounds, Rng)).ToArray();

    /// <summary>The outcomes only move the counters and the best-so-far, which the base records.</summary>
    private protected override void OnBatchTold(IReadOnlyList<(Chromosome Genes, double[]? Objectives)> told)
    {
    }

    private protected override void WriteOptions(JsonObject options)
    {
        options["batchSize"] = _batchSize;
        options["objectives"] = _objectives;
    }
}
