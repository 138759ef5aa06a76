namespace EvoMerge.Search.Export;

/// <summary>
/// What every finished run gets, whoever ran it (the search and resume commands, the demo): best/ written from
/// the final journal, and the best trials scored on held-out test data (test.csv).
/// </summary>
public static class RunFinish
{
    /// <summary>Writes best/ and test.csv; returns the test table to show, or null when no task has test data.</summary>
    public static string? Write(FinishedRun run, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        BestTrials.Write(run.Folder, run.State, run.Schema, run.Space);
        return TestEvaluation.Write(run, log);
    }
}
