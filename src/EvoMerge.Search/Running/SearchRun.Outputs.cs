using System.Diagnostics;
using EvoMerge.Runs.Storage;
using EvoMerge.Search.Export;

namespace EvoMerge.Search.Running;

public sealed partial class SearchRun
{
    /// <summary>Rewrites trials.csv, generations.csv, pareto.csv and best/ from the journal (they are derived, never the source).</summary>
    public void WriteDerived()
    {
        var state = State();
        var schema = _setup.Schema;
        var maximize = schema.Maximize;
        TrialsCsv.WriteFile(Path.Combine(Folder, TrialsCsv.FileName), state, schema.Csv);
        GenerationsCsv.WriteFile(Path.Combine(Folder, GenerationsCsv.FileName), state, schema.Csv, maximize);
        ParetoCsv.WriteFile(Path.Combine(Folder, ParetoCsv.FileName), state, schema.Csv, maximize);
        BestTrials.Write(Folder, state, schema, trial => _setup.RecipeOf(trial.TrialId, trial.Genes));
        _lastCsv = Stopwatch.GetTimestamp();
    }

    /// <summary>The run's trials as journaled so far.</summary>
    public RunState Snapshot() => State();

    /// <summary>Merges any recipe of this run's models in memory (for reports on test data and exports).</summary>
    public Evaluation.MergedModel Materialize(Merging.Config.MergeConfig recipe) => _materializer.Materialize(recipe, CancellationToken.None);
}
