using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Storage.Csv;

/// <summary>
/// <c>generations.csv</c>: per asked generation <c>generation,trials,completed,failed</c>, then
/// <c>best.&lt;objective&gt;</c> for every objective (the best completed value of that generation,
/// by the objective's sense), then <c>mean.&lt;objective&gt;</c> for every objective. NaN values are
/// left out of both; a generation without a completed value leaves the cell empty. Then the timing
/// columns (<see cref="GenerationTiming"/>): <c>seconds,workers,slots,busy_slots,trials_per_s,idle_share</c>.
/// </summary>
public static class GenerationsCsv
{
    public const string FileName = "generations.csv";

    public static IReadOnlyList<string> Header(RunCsvSchema schema) =>
        ["generation", "trials", "completed", "failed", .. schema.ObjectiveNames.Select(n => $"best.{n}"), .. schema.ObjectiveNames.Select(n => $"mean.{n}"), .. GenerationTiming.Columns];

    public static void Write(TextWriter text, RunState state, RunCsvSchema schema, bool[] maximize)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schema);
        schema.RequireSenses(maximize);
        CsvText.WriteRow(text, Header(schema));
        var stretches = state.Timings.ToLookup(t => t.Generation);
        foreach (var batch in state.Batches)
        {
            var trials = batch.Candidates.Select(c => state.TrialsById[c.Id]).ToList();
            CsvText.WriteRow(text, [.. Row(batch.Generation, trials, schema, maximize), .. GenerationTiming.Cells(trials, stretches[batch.Generation].ToList())]);
        }
    }

    public static void WriteFile(string path, RunState state, RunCsvSchema schema, bool[] maximize, bool fsync = false) =>
        CsvText.WriteFile(path, text => Write(text, state, schema, maximize), fsync);

    private static IEnumerable<string> Row(int generation, List<TrialRecord> trials, RunCsvSchema schema, bool[] maximize)
    {
        var completed = trials.Where(t => t.Completion is not null).Select(t => t.Completion!).ToList();
        int objectives = schema.ObjectiveNames.Count;
        var values = Enumerable.Range(0, objectives)
            .Select(k => completed.Where(c => c.Objectives.Count == objectives).Select(c => c.Objectives[k]).Where(v => !double.IsNaN(v)).ToList())
            .ToList();
        var best = values.Select((v, k) => v.Count == 0 ? "" : CsvText.Number(maximize[k] ? v.Max() : v.Min()));
        var mean = values.Select(v => v.Count == 0 ? "" : CsvText.Number(v.Average()));
        return [CsvText.Number(generation), CsvText.Number(trials.Count), CsvText.Number(completed.Count),
            CsvText.Number(trials.Count(t => t.Failure is not null)), .. best, .. mean];
    }
}
