using System.CommandLine;
using EvoMerge.Cli.Commands;

namespace EvoMerge.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "EvoMerge: discover model-merging recipes by evolutionary search, and merge safetensors checkpoints " +
            "with mergekit-compatible configs.");
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(SearchCommand.Search());
        root.Subcommands.Add(SearchCommand.Resume());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(ReportCommand.Report());
        root.Subcommands.Add(ReportCommand.Compare());
        root.Subcommands.Add(DashboardCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(BenchmarkCommand.Create());
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(TokenizeCommand.Create());
        root.Subcommands.Add(FisherCommand.Create());
        return root.Parse(args).Invoke();
    }
}
