using System.Diagnostics;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Export;

namespace EvoMerge.Search.Running;

public sealed partial class SearchRun
{
    /// <summary>Rewrites trials.csv, generations.csv, pareto.csv, lineage.csv (when the optimizer records any) and best/ from the journal (they are derived, never the source).</summary>
    public void WriteDerived()
    {
        var state = State();
        var schema = _setup.Schema;
        var maximize = schema.Maximize;
        TrialsCsv.WriteFile(Path.Combine(Folder, TrialsCsv.FileName), state, schema.Csv);
        GenerationsCsv.WriteFile(Path.Combine(Folder, GenerationsCsv.FileName), state, schema.Csv, maximize);
        ParetoCsv.WriteFile(Path.Combine(Folder, ParetoCsv.FileName), state, schema.Csv, maximize);
        LineageCsv.WriteFile(Path.Combine(Folder, LineageCsv.FileName), state);
        BestTrials.Write(Folder, state, schema, _setup.Space);
        _lastCsv = Stopwatch.GetTimestamp();
    }

    /// <summary>The run as the end-of-run outputs (<see cref="RunFinish"/>) need it, with its trials as journaled so far.</summary>
    public FinishedRun AsFinished() => new(Folder, _setup.Config, _setup.Space, State(), _setup.Schema, ScratchRoot);

    /// <summary>The run's trials as journaled so far.</summary>
    public RunState Snapshot() => State();


}
