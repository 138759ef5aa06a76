using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Experiments.M2N2Digits;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge experiment ...`: reproductions of published results, written under experiments/.</summary>
public static class ExperimentCommand
{
    public static Command Create()
    {
        var command = new Command("experiment", "Reproduce published experiments; outputs go to experiments/<name>/results/.");
        command.Subcommands.Add(M2N2Digits());
        command.Subcommands.Add(EvoLlmToy());
        command.Subcommands.Add(CheapFitness());
        return command;
    }

    static Command CheapFitness()
    {
        var seeds = new Option<int>("--seeds") { Description = "Runs per method and task (seeds 42, 43, ..., or from --first-seed).", DefaultValueFactory = _ => 5 };
        var firstSeed = new Option<ulong>("--first-seed") { Description = "The first run's seed (default 42): another value repeats the experiment on seeds its settings were not chosen on.", DefaultValueFactory = _ => 42 };
        var examples = new Option<int?>("--examples") { Description = "Examples per candidate for the subset methods, and IRT anchors, on every task (default: 64 on digits, 32 on evollm-toy)." };
        var tasks = new Option<string>("--tasks") { Description = "Comma-separated tasks: digits, evollm-toy.", DefaultValueFactory = _ => "digits,evollm-toy" };
        var racingStart = new Option<int?>("--racing-start") { Description = "Examples every candidate of a race gets first (default 32)." };
        var racingConfidence = new Option<double?>("--racing-confidence") { Description = "Family-wise confidence of a race's verdicts, in (0, 1] (default 0.95)." };
        var irtFitness = new Option<string?>("--irt-fitness") { Description = "The IRT method's fitness: difference (anchors clustered by calibration answers, difference from a reference mixed from the calibration models), gp (gp-IRT), weighted (the weighted 2PL anchors alone), completion (random anchors per candidate, the other answers completed as a mix of the fully scored models') or neighbour (anchors per candidate around a local linear prediction from the fully scored models nearest in gene space); default: completion on evollm-toy, neighbour on digits." };
        var recalibration = new Option<int?>("--recalibration") { Description = "Trials at the start of each generation the IRT method scores in full and adds to the fully scored models (default 1; 0: the calibration models only)." };
        var winnerCheck = new Option<int?>("--winner-check") { Description = "Best trials by estimated fitness the cheap methods re-score in full at the end (default: 20 on digits, 6 on evollm-toy)." };
        var stratified = new Option<bool?>("--stratified-anchors") { Description = "Choose IRT anchors within the task's strata (digit labels; toy problems' step counts): true or false." };
        var dump = new Option<string?>("--dump-responses") { Description = "Write each task's and seed's per-example answers (calibration points, random candidates, the full search's trials) to this folder for the offline estimator study, and run nothing else." };
        var command = new Command("cheap-fitness", "Cheap fitness on the digits demo and the evollm-toy target task: full evaluation vs random subset vs fixed subset vs racing vs IRT-estimated fitness; writes experiments/cheap-fitness/results/table.csv, table.md, runs.csv, errors.csv and a plot.")
        {
            seeds, firstSeed, examples, tasks, racingStart, racingConfidence, irtFitness, recalibration, winnerCheck, stratified, dump,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string root = RepositoryPaths.Root();
            var defaults = new EvoMerge.Experiments.CheapFitness.CheapFitnessOptions { ResultsFolder = "", DataPath = "" };
            EvoMerge.Experiments.CheapFitness.CheapFitnessBudget Adjusted(EvoMerge.Experiments.CheapFitness.CheapFitnessBudget budget) => budget with
            {
                Examples = parse.GetValue(examples) ?? budget.Examples,
                Racing = budget.Racing with
                {
                    Start = parse.GetValue(racingStart) ?? budget.Racing.Start,
                    Confidence = parse.GetValue(racingConfidence) ?? budget.Racing.Confidence,
                },
                IrtFitness = parse.GetValue(irtFitness) switch
                {
                    null => budget.IrtFitness,
                    "gp" => EvoMerge.Experiments.CheapFitness.IrtFitness.GpIrt,
                    "weighted" => EvoMerge.Experiments.CheapFitness.IrtFitness.Weighted,
                    "difference" => EvoMerge.Experiments.CheapFitness.IrtFitness.Difference,
                    "completion" => EvoMerge.Experiments.CheapFitness.IrtFitness.Completion,
                    "neighbour" => EvoMerge.Experiments.CheapFitness.IrtFitness.Neighbour,
                    var other => throw new ArgumentException($"--irt-fitness is '{other}'; use difference, gp, weighted, completion or neighbour."),
                },
                Recalibration = parse.GetValue(recalibration) ?? budget.Recalibration,
                WinnerCheck = parse.GetValue(winnerCheck) ?? budget.WinnerCheck,
                StratifiedAnchors = parse.GetValue(stratified) ?? budget.StratifiedAnchors,
            };
            var options = defaults with
            {
                Seeds = parse.GetValue(seeds),
                FirstSeed = parse.GetValue(firstSeed),
                Tasks = parse.GetValue(tasks)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Digits = Adjusted(defaults.Digits),
                EvoLlmToy = Adjusted(defaults.EvoLlmToy),
                ResultsFolder = Path.Combine(root, "experiments", "cheap-fitness", "results"),
                DataPath = Path.Combine(root, "experiments", "data", "digits.csv.gz"),
                // The same assets `experiment evollm-toy` trains (reused when they match).
                ToyAssetsFolder = Path.Combine(RepositoryPaths.Results(), "evollm-toy", "assets"),
                DumpFolder = parse.GetValue(dump) is { } folder ? Path.GetFullPath(folder) : null,
            };
            var rows = EvoMerge.Experiments.CheapFitness.CheapFitnessExperiment.Run(options, Console.Out);
            if (options.DumpFolder is not null) return ExitCodes.Success;
            Console.WriteLine();
            Console.WriteLine($"{"task",-11} {"method",-14} {"seeds",5} {"examples",9} {"test %",7} {"stderr",7} {"MAE",7}");
            foreach (var row in rows)
                Console.WriteLine($"{row.Task,-11} {row.Method,-14} {row.Seeds,5} {row.ExamplesEvaluated,9:F0} {100 * row.TestAccuracy,7:F2} {100 * row.TestAccuracyStderr,7:F2} {(row.EstimatorMae is { } m ? (100 * m).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : ""),7}");
            Console.WriteLine(options.ResultsFolder);
            return ExitCodes.Success;
        }));
        return command;
    }

    static Command EvoLlmToy()
    {
        var evaluations = new Option<int>("--evaluations") { Description = "Evaluations per search (PS, DFS, PS+DFS).", DefaultValueFactory = _ => 200 };
        var dfsOptimizers = new Option<string>("--dfs-optimizers")
        {
            Description = "Comma-separated optimizers of the DFS search, one run and table row each (e.g. cmaes,cmawm to compare CMA-ES with margin against plain CMA-ES); PS+DFS uses sep-cmaes.",
            DefaultValueFactory = _ => EvoMerge.Experiments.EvoLlmToyExperiment.EvoLlmToyExperimentOptions.PsDfsOptimizer,
        };
        var command = new Command("evollm-toy", "Evolutionary LLM merging at toy scale: trains a small Llama base and two experts on synthetic languages, then compares sources, simple merges and PS, DFS and PS+DFS searches on a never-trained target task; writes experiments/evollm-toy/results/table.csv, table.md and plots.")
        {
            evaluations, dfsOptimizers,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string root = RepositoryPaths.Root();
            var optimizers = EvoMerge.Experiments.EvoLlmToyExperiment.EvoLlmToyExperimentOptions.ParseDfsOptimizers(parse.GetValue(dfsOptimizers)!);
            EvoMerge.Experiments.EvoLlmToyExperiment.EvoLlmToyExperiment.Run(new EvoMerge.Experiments.EvoLlmToyExperiment.EvoLlmToyExperimentOptions
            {
                RepositoryRoot = root,
                ResultsFolder = Path.Combine(root, "experiments", "evollm-toy", "results"),
                WorkFolder = Path.Combine(RepositoryPaths.Results(), "evollm-toy"),
                Evaluations = parse.GetValue(evaluations),
                DfsOptimizers = optimizers,
            }, Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    static Command M2N2Digits()
    {
        var runs = new Option<int>("--runs") { Description = "Runs per method (seeds 42, 43, ...). Runs already in curves.csv are skipped, so a larger number continues the experiment.", DefaultValueFactory = _ => 10 };
        var passes = new Option<long?>("--passes") { Description = "Forward-pass budget per run (default: 50,000 from scratch, 10,000 from pre-trained)." };
        var panel = new Option<string>("--panel") { Description = "scratch, pretrained or both.", DefaultValueFactory = _ => "both" };
        var methods = new Option<string?>("--methods") { Description = "Comma-separated subset of methods (m2n2, m2n2_no_crossover, ga, ga_no_crossover, map_elites, sep-cmaes, m2n2_no_attraction, m2n2_no_splitpoint, brute_force_slerp); default all." };
        var experts = new Option<string>("--experts") { Description = "Starting models of the pre-trained experts: per-seed (one pair per run seed) or reference (the reference's own PRNGKey(42) pair for every run, as it does).", DefaultValueFactory = _ => "per-seed" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default experiments/m2n2-digits/results in the repository; results-reference-pair with --experts reference)." };
        var command = new Command("m2n2-digits", "The M2N2 paper's digits figure: evolve a 64-256-10 MLP from scratch and merge two pre-trained experts; writes curves.csv, summary.csv and figure.png.")
        {
            runs, passes, panel, methods, experts, output,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string root = RepositoryPaths.Root();
            var expertInit = ExpertInitNames.Parse(parse.GetValue(experts)!);
            // Runs on the reference pair get their own folder, so they never mix with per-seed runs in one summary.
            string defaultFolder = expertInit == ExpertInit.Reference ? "results-reference-pair" : "results";
            var options = new M2N2DigitsOptions
            {
                Runs = parse.GetValue(runs),
                Passes = parse.GetValue(passes),
                Panels = DigitsPanelNames.Parse(parse.GetValue(panel)!),
                Methods = parse.GetValue(methods)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Experts = expertInit,
                OutputFolder = parse.GetValue(output)?.FullName ?? Path.Combine(root, "experiments", "m2n2-digits", defaultFolder),
                DataPath = Path.Combine(root, "experiments", "data", "digits.csv.gz"),
            };
            var summary = M2N2DigitsExperiment.Run(options, Console.Out);
            Console.WriteLine();
            Console.WriteLine($"{"panel",-11} {"method",-20} {"runs",4} {"passes",8} {"mean %",7} {"stderr",7}");
            foreach (var row in summary)
                Console.WriteLine($"{row.Panel,-11} {row.Method,-20} {row.Runs,4} {row.ForwardPasses,8} {row.MeanTestAccuracy,7:F2} {row.StandardError,7:F2}");
            Console.WriteLine(options.OutputFolder);
            return ExitCodes.Success;
        }));
        return command;
    }
}
