using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Storage.Csv;

/// <summary>
/// <c>trials.csv</c>, derived from the journal: one row per finished trial (completed or failed),
/// by trial id; pending trials have no row yet. Failed trials leave metrics and objectives empty;
/// a metric a trial did not report is empty too. Values are written as journaled.
/// </summary>
public static class TrialsCsv
{
    public const string FileName = "trials.csv";

    public static void Write(TextWriter text, RunState state, RunCsvSchema schema)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schema);
        WriteRows(text, state.Trials.Where(t => t.Status != TrialStatus.Pending), schema);
    }

    public static void WriteFile(string path, RunState state, RunCsvSchema schema, bool fsync = false) =>
        CsvText.WriteFile(path, text => Write(text, state, schema), fsync);

    internal static void WriteRows(TextWriter text, IEnumerable<TrialRecord> trials, RunCsvSchema schema)
    {
        CsvText.WriteRow(text, schema.Header);
        foreach (var trial in trials)
        {
            CsvText.WriteRow(text, TrialRow.Fields(trial, schema));
        }
    }
}
