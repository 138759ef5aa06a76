using EvoMerge.Runs.Storage.Best;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Storage.Csv;

/// <summary>
/// <c>pareto.csv</c>: the completed trials of the whole run that no other completed trial dominates
/// over the objectives, with the <c>trials.csv</c> columns, by trial id. <c>maximize[k]</c> gives the
/// sense of objective k as stored in the journal. Trials with a NaN or infinite objective are not
/// comparable and are left out (see <see cref="RunFront"/>).
/// </summary>
public static class ParetoCsv
{
    public const string FileName = "pareto.csv";

    public static IReadOnlyList<TrialRecord> Front(RunState state, RunCsvSchema schema, bool[] maximize)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schema);
        schema.RequireSenses(maximize);
        return RunFront.Of(state, maximize);
    }

    public static void Write(TextWriter text, RunState state, RunCsvSchema schema, bool[] maximize)
    {
        ArgumentNullException.ThrowIfNull(text);
        TrialsCsv.WriteRows(text, Front(state, schema, maximize), schema);
    }

    public static void WriteFile(string path, RunState state, RunCsvSchema schema, bool[] maximize, bool fsync = false) =>
        CsvText.WriteFile(path, text => Write(text, state, schema, maximize), fsync);
}
