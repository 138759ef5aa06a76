namespace EvoMerge.Runs.Storage;

/// <summary>
/// <c>pareto.csv</c>: the completed trials of the whole run that no other completed trial dominates
/// over the objectives, with the <c>trials.csv</c> columns, by trial id. <c>maximize[k]</c> gives the
/// sense of objective k as stored in the journal. Trials with a NaN objective are not comparable and
/// are left out.
/// </summary>
public static class ParetoCsv
{
    public const string FileName = "pareto.csv";

    public static IReadOnlyList<TrialRecord> Front(RunState state, RunCsvSchema schema, bool[] maximize)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schema);
        schema.RequireSenses(maximize);
        var completed = state.Trials
            .Where(t => t.Completion is { } c && c.Objectives.Count == maximize.Length && !c.Objectives.Any(double.IsNaN))
            .ToList();
        return ParetoDominance.NonDominated(completed, t => t.Completion!.Objectives, maximize);
    }

    public static void Write(TextWriter text, RunState state, RunCsvSchema schema, bool[] maximize)
    {
        ArgumentNullException.ThrowIfNull(text);
        TrialsCsv.WriteRows(text, Front(state, schema, maximize), schema);
    }

    public static void WriteFile(string path, RunState state, RunCsvSchema schema, bool[] maximize, bool fsync = false) =>
        CsvText.WriteFile(path, text => Write(text, state, schema, maximize), fsync);
}
