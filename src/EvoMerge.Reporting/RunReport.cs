using EvoMerge.Reporting.Analysis;
using EvoMerge.Reporting.Plots;

namespace EvoMerge.Reporting;

/// <summary>
/// <c>report RUN_DIR</c>: writes the run's plots as PNG files into a report folder (each written
/// atomically) and returns them with a text summary. Plots that have nothing to show are skipped,
/// with a note in the summary: all of them before the first completed trial, the Pareto front for a
/// single objective, the genes when the genome has none.
/// </summary>
public static class RunReport
{
    public const string DefaultFolderName = "report";

    /// <summary>Where <c>report</c> writes by default: <c>RUN_DIR/report/</c>.</summary>
    public static string DefaultFolder(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(run.Folder, DefaultFolderName);
    }

    public static RunReportResult Write(RunView run, string reportFolder)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportFolder);
        string folder = Path.GetFullPath(reportFolder);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        var notes = new List<string>();

        if (run.Completed.Count == 0)
        {
            notes.Add("no plots: the run has no completed trial yet");
            return new RunReportResult(files, RunSummary.Build(run, files, notes));
        }

        files.Add(Written(Path.Combine(folder, BestObjectivesPlot.FileName), path => BestObjectivesPlot.Write(run, path)));

        int objectives = run.Schema.Objectives.Count;
        if (objectives == 1)
        {
            notes.Add($"no {ParetoFrontPlot.FileName}: the run has a single objective");
        }
        else
        {
            files.Add(Written(Path.Combine(folder, ParetoFrontPlot.FileName), path => ParetoFrontPlot.Write(run, path)));
            if (objectives > 2)
            {
                int pairs = ParetoFrontPlot.Pairs(objectives).Count;
                notes.Add($"{ParetoFrontPlot.FileName} shows {pairs} of {objectives * (objectives - 1) / 2} objective pairs; highlighted trials are non-dominated over all {objectives} objectives");
            }
        }

        if (run.Schema.Genes.Count == 0)
        {
            notes.Add($"no {BestGenesPlot.FileName}: the genome has no genes");
        }
        else if (BestTrials.ForGenePlot(run).Count == 0)
        {
            notes.Add($"no {BestGenesPlot.FileName}: no completed trial has a number for every objective");
        }
        else
        {
            files.Add(Written(Path.Combine(folder, BestGenesPlot.FileName), path => BestGenesPlot.Write(run, path)));
        }

        return new RunReportResult(files, RunSummary.Build(run, files, notes));
    }

    private static string Written(string path, Action<string> write)
    {
        write(path);
        return path;
    }
}
