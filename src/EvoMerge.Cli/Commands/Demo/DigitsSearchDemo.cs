using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Experiments.DigitsDemo;
using EvoMerge.Reporting;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Export;
using EvoMerge.Search.Running;

namespace EvoMerge.Cli.Commands.Demo;

/// <summary>
/// The README's main job: trains two digit experts (0-4 and 5-9) from a shared base and saves them as
/// safetensors (reused when already there), then runs two searches of per-layer merges of them,
/// CMA-ES on the weighted sum (configs/demo-digits.yml) and NSGA-II on both accuracies
/// (configs/demo-digits-nsga2.yml), each in its own run folder with its Pareto front, plots and a
/// test-data comparison against the experts and their plain average.
/// </summary>
public static class DigitsSearchDemo
{
    public static Command Create()
    {
        var evaluations = new Option<long?>("--evaluations") { Description = "Override each search's evaluation budget (default: the configs' 400)." };
        var command = new Command("demo", "Run the embedded default: train two digit experts, then search per-layer merges of them with CMA-ES (weighted sum) and NSGA-II (two objectives); writes two run folders under results/.")
        {
            evaluations,
        };
        command.SetAction((parse, ct) => Task.FromResult(CommandErrors.Guard(() =>
        {
            string root = RepositoryPaths.Root();
            string assets = Path.Combine(RepositoryPaths.Results(), "demo-digits", "assets");
            Console.WriteLine($"Preparing the digit experts and data in {assets} ...");
            var prepared = DigitsDemoAssets.Prepare(assets, new DigitsDemoOptions(), new Progress(Console.WriteLine));
            Console.WriteLine(prepared.Reused ? "Reused the models and data prepared earlier." : "Trained the base model and both experts.");

            var folders = new List<string>();
            foreach (var file in new[] { "demo-digits.yml", "demo-digits-nsga2.yml" })
            {
                var config = SearchConfigParser.ParseFile(Path.Combine(root, "configs", file), root);
                if (parse.GetValue(evaluations) is long n) config = config with { Budget = config.Budget with { Evaluations = n } };
                string folder = SearchCommand.DefaultRunFolder(config);
                Console.WriteLine();
                Console.WriteLine($"== {config.Name}: {config.Optimizer.Name}, objectives: {string.Join(", ", new Search.Objectives.ObjectiveSet(config.Tasks).Names)}");
                using var run = SearchRun.Start(config, folder, new SearchRunOptions { Log = m => Console.Error.WriteLine("note: " + m) });
                var outcome = SearchProgressDisplay.Run(progress => run.Run(progress, ct));
                Console.WriteLine($"{outcome.Completed} trials completed, {outcome.Failed} failed ({string.Join("; ", outcome.Reasons)}).");
                if (outcome.End != SearchEnd.Finished)
                {
                    Console.WriteLine($"Interrupted. Continue this search with: ./run.sh resume {run.Folder}");
                    return ExitCodes.Interrupted;
                }
                if (RunFinish.Write(run.AsFinished(), m => Console.Error.WriteLine("note: " + m)) is { } table) Console.WriteLine(table);
                var (plots, page) = ReportCommand.WriteReport(run.Folder);
                Console.WriteLine($"Report: {string.Join(", ", plots.Files.Append(page).Select(Path.GetFileName))} in {Path.Combine(run.Folder, RunReport.DefaultFolderName)}");
                folders.Add(run.Folder);
            }
            Console.WriteLine();
            Console.WriteLine("Run folders (trials.csv, pareto.csv, best/<objective>/recipe.yml, test.csv, report/):");
            foreach (var folder in folders) Console.WriteLine(folder);
            return ExitCodes.Success;
        })));
        return command;
    }

    sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
