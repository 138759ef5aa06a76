using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Dashboard.Pages;
using EvoMerge.Reporting;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge report RUN_DIR` and `evomerge compare RUN_DIR... [--out FILE]`.</summary>
public static class ReportCommand
{
    public static Command Report()
    {
        var run = new Argument<DirectoryInfo>("run-dir") { Description = "A run folder made by `search` (finished or still running)." };
        var command = new Command("report", "Plot a run (best objective against evaluations, the Pareto front for two objectives, gene values of the best trials) into RUN_DIR/report/, with index.html: the dashboard's views as one page that opens offline; print a summary.")
        {
            run,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            var (result, page) = WriteReport(parse.GetValue(run)!.FullName);
            Console.WriteLine(result.Summary);
            foreach (var file in result.Files) Console.WriteLine(file);
            Console.WriteLine(page);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>A run's PNG plots and its offline page (<c>report/index.html</c>), as <c>report</c> writes them; the demo writes the same.</summary>
    internal static (RunReportResult Plots, string Page) WriteReport(string runFolder)
    {
        var view = RunView.Load(runFolder);
        var plots = RunReport.Write(view, RunReport.DefaultFolder(view));
        using var describer = new Dashboard.SearchTrialDescriber();
        return (plots, ReportPage.Write(view.Folder, RunReport.DefaultFolder(view), describer));
    }

    public static Command Compare()
    {
        var runs = new Argument<DirectoryInfo[]>("run-dirs") { Description = "Run folders to compare.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo?>("--out") { Description = "Write the CSV to this file (atomically) instead of standard output." };
        var command = new Command("compare", "One CSV of the Pareto fronts of several runs, with the run as a column (objectives, metrics and genes; blanks where a run lacks a column).")
        {
            runs, output,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            var views = parse.GetValue(runs)!.Select(d => RunView.Load(d.FullName)).ToList();
            if (parse.GetValue(output) is { } file)
            {
                var text = new StringWriter { NewLine = "\n" };
                RunComparison.Write(views, text);
                Core.IO.AtomicFile.WriteAllText(file.FullName, text.ToString(), fsync: false);
                Console.Error.WriteLine($"Wrote {file.FullName}");
            }
            else
            {
                RunComparison.Write(views, Console.Out);
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
