using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Storage.Csv;

/// <summary>
/// <c>lineage.csv</c>, derived from the journal: what the optimizer said about how it made each finished
/// trial (its candidate metadata, e.g. M2N2's <c>parents</c> and <c>split_at</c>), one row per finished
/// trial that has any, by trial id. Columns: <c>trial</c>, then every metadata key of the run in ordinal
/// order; a key a trial lacks is empty. Kept apart from <c>trials.csv</c>, whose columns are fixed. Runs
/// whose optimizer records nothing get no file.
/// </summary>
public static class LineageCsv
{
    public const string FileName = "lineage.csv";

    /// <summary>True when some finished trial carries metadata (otherwise there is nothing to write).</summary>
    public static bool HasRows(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Rows(state).Any();
    }

    public static void Write(TextWriter text, RunState state)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        var rows = Rows(state).ToList();
        var keys = rows.SelectMany(t => t.Metadata!.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        CsvText.WriteRow(text, ["trial", .. keys]);
        foreach (var trial in rows)
        {
            CsvText.WriteRow(text, [CsvText.Number(trial.TrialId), .. keys.Select(k => trial.Metadata!.GetValueOrDefault(k, ""))]);
        }
    }

    /// <summary>Writes the file when there are rows; returns whether it did.</summary>
    public static bool WriteFile(string path, RunState state, bool fsync = false)
    {
        if (!HasRows(state))
        {
            return false;
        }

        CsvText.WriteFile(path, text => Write(text, state), fsync);
        return true;
    }

    private static IEnumerable<TrialRecord> Rows(RunState state) =>
        state.Trials.Where(t => t.Status != TrialStatus.Pending && t.Metadata is { Count: > 0 });
}
