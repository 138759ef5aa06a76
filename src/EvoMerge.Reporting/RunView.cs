using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Reporting;

/// <summary>
/// A run folder as a report sees it, read without the lock (the run may be in progress in another
/// process): the schema from the journal's first line, the replayed state, and the finished trials
/// in trial id order. A torn last journal line (a line being written, or a crash) is ignored and
/// reported in <see cref="TornLastLine"/>.
/// </summary>
public sealed class RunView
{
    private RunView(string folder, RunSchema schema, RunState state, TornLine? tornLastLine)
    {
        Folder = folder;
        Name = Path.GetFileName(folder);
        Schema = schema;
        State = state;
        TornLastLine = tornLastLine;
        Evaluations = state.Trials.Where(t => t.Status != TrialStatus.Pending).ToList().AsReadOnly();
        Completed = Evaluations.Where(t => t.Status == TrialStatus.Completed).ToList().AsReadOnly();
        Failed = Evaluations.Where(t => t.Status == TrialStatus.Failed).ToList().AsReadOnly();
        ParetoFront = ParetoCsv.Front(state, schema.Csv, schema.Maximize);
    }

    /// <summary>The run's name: its folder's name.</summary>
    public string Name { get; }

    /// <summary>The run folder's full path.</summary>
    public string Folder { get; }

    public RunSchema Schema { get; }

    public RunState State { get; }

    /// <summary>Completed and failed trials in trial id order: the run's evaluations so far.</summary>
    public IReadOnlyList<TrialRecord> Evaluations { get; }

    public IReadOnlyList<TrialRecord> Completed { get; }

    public IReadOnlyList<TrialRecord> Failed { get; }

    /// <summary>Asked but not finished yet (in progress, or to be re-run on resume).</summary>
    public int PendingCount => State.Trials.Count - Evaluations.Count;

    /// <summary>The completed trials no other completed trial dominates, as in <c>pareto.csv</c>, by trial id.</summary>
    public IReadOnlyList<TrialRecord> ParetoFront { get; }

    /// <summary>True once the journal holds a <see cref="RunFinished"/> that no later batch followed.</summary>
    public bool IsFinished => State.Finished is not null;

    public TornLine? TornLastLine { get; }

    /// <summary>Reads a run folder's journal read-only; errors name the folder.</summary>
    public static RunView Load(string runFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(runFolder));
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Run folder '{folder}' does not exist.");
        }

        if (!File.Exists(Path.Combine(folder, RunJournal.FileName)))
        {
            throw new FileNotFoundException(
                $"'{folder}' is not a run folder: it has no {RunJournal.FileName}. Pass the folder that `search` printed.",
                Path.Combine(folder, RunJournal.FileName));
        }

        var replay = RunJournal.ReadOnly(folder);
        var state = RunState.From(replay);
        RunSchema schema;
        try
        {
            schema = RunSchema.From(state.Created);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Cannot report on '{folder}': {e.Message}", e);
        }

        RequireShapes(folder, state, schema);
        return new RunView(folder, schema, state, replay.Report.TornLastLine);
    }

    private static void RequireShapes(string folder, RunState state, RunSchema schema)
    {
        foreach (var trial in state.Trials)
        {
            if (trial.Genes.Count != schema.Genes.Count)
            {
                throw new InvalidDataException(
                    $"'{folder}': trial {trial.TrialId} has {trial.Genes.Count} genes, but the run's schema names {schema.Genes.Count}.");
            }

            if (trial.Completion is { } completion && completion.Objectives.Count != schema.Objectives.Count)
            {
                throw new InvalidDataException(
                    $"'{folder}': trial {trial.TrialId} has {completion.Objectives.Count} objective values, but the run's schema names {schema.Objectives.Count}.");
            }
        }
    }
}
