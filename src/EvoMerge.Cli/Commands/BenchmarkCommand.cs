using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Experiments.DigitsDemo;
using EvoMerge.Experiments.OptimizerBenchmarks;
using EvoMerge.Merging.Benchmarks;
using EvoMerge.Models.Benchmarks;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge benchmark ...`: speed figures written as CSV under results/benchmarks/.</summary>
public static class BenchmarkCommand
{
    public static Command Create()
    {
        var command = new Command("benchmark", "Measure speed; each benchmark writes a CSV under results/benchmarks/.");
        command.Subcommands.Add(Merge());
        command.Subcommands.Add(Optimizers());
        command.Subcommands.Add(Search());
        command.Subcommands.Add(LanguageModel());
        command.Subcommands.Add(Dashboard());
        command.Subcommands.Add(Farm());
        command.Subcommands.Add(Memory());
        return command;
    }

    static Command Farm()
    {
        var noPipeline = new Option<bool>("--no-pipeline") { Description = "Slots build each candidate only after scoring the previous one (no merge while scoring), to measure what pipelining saves. Writes farm-no-pipeline.csv instead." };
        var command = new Command("farm", "Throughput of the evaluation farm on the digits demo: a command evaluator of fixed cost (sleeps 250 ms) on 1, 2 and 4 local workers, and the in-process classifier on 1 and 2. Writes results/benchmarks/farm.csv.")
        {
            noPipeline,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            Benchmarks.FarmBenchmark.Run(Path.Combine(RepositoryPaths.Results(), "benchmarks"), !parse.GetValue(noPipeline), Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    static Command Merge()
    {
        var elements = new Option<long>("--elements") { Description = "Elements per tensor.", DefaultValueFactory = _ => 16L << 20 };
        var tensors = new Option<int>("--tensors") { Description = "Tensors per model.", DefaultValueFactory = _ => 2 };
        var methods = new Option<string>("--methods") { Description = "Comma-separated merge methods.", DefaultValueFactory = _ => "linear,task_arithmetic,ties,dare_ties" };
        var command = new Command("merge", "Merge 3 models plus a base (16M-element tensors, fp32 and bf16) end to end; compare with memory-copy bandwidth. Writes results/benchmarks/merge.csv.")
        {
            elements, tensors, methods,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string dir = Path.Combine(RepositoryPaths.Results(), "benchmarks");
            MergeBenchmark.Run(new MergeBenchmarkOptions
            {
                OutputCsv = Path.Combine(dir, "merge.csv"),
                WorkDirectory = Path.Combine(dir, ".merge-work"),
                ElementsPerTensor = parse.GetValue(elements),
                Tensors = parse.GetValue(tensors),
                Methods = parse.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            }, Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    static Command Optimizers()
    {
        var optimizers = new Option<string>("--optimizers") { Description = $"Comma-separated optimizers among: {string.Join(", ", BenchmarkOptimizerFactory.Names)}.", DefaultValueFactory = _ => string.Join(",", BenchmarkOptimizerFactory.Names) };
        var quick = new Option<bool>("--quick") { Description = "3 seeds, n = 10 only, overhead at n = 100 and 300: a smoke run of a minute or so." };
        var command = new Command("optimizers", "Run the reference CMA-ES settings (sphere, ellipsoid, rosenbrock, cigar at n = 10 and 40, 11 seeds, stop at f < 1e-8; ga, nsga2 and random up to 100,000 evaluations; m2n2 has no function rows) and the ask/tell overhead at n = 100, 300, 1000; compare with pycma. Writes results/benchmarks/optimizers.csv.")
        {
            optimizers, quick,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            OptimizerBenchmark.Run(new OptimizerBenchmarkOptions
            {
                OutputPath = Path.Combine(RepositoryPaths.Results(), "benchmarks", "optimizers.csv"),
                Optimizers = parse.GetValue(optimizers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Quick = parse.GetValue(quick),
            }, Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    static Command Search()
    {
        var command = new Command("search", "Time the phases of a search trial (ask, materialize, evaluate, tell, journal) on the digits demo, as shipped and with 250x larger fitness data. Writes results/benchmarks/search.csv and search_large_eval.csv.");
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            SearchOverheadBenchmark.Run(RepositoryPaths.Root(), Path.Combine(RepositoryPaths.Results(), "benchmarks"), Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    static Command LanguageModel()
    {
        var families = new Option<string>("--families")
        {
            Description = $"Comma-separated config.json model_type values among: {EvoMerge.Models.Llama.Families.DecoderFamilies.SupportedList}.",
            DefaultValueFactory = _ => string.Join(",", EvoMerge.Models.Llama.Families.DecoderFamilies.All.Select(f => f.ModelType)),
        };
        var largeTensor = new Option<bool>("--large-tensor")
        {
            Description = "Instead, load a checkpoint whose embedding is 2.25 GiB, over the 2 GiB span limit (needs ~2.5 GB scratch disk, ~5 GB memory) and check its values. Writes results/benchmarks/lm_large_tensor.csv.",
        };
        var command = new Command("lm", "Tokens per second of the decoder for each model family (prefill and greedy generation with a KV cache; fp32 and bf16; batch 1 and 8) on small random configs. Writes results/benchmarks/lm.csv.")
        {
            families, largeTensor,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string dir = Path.Combine(RepositoryPaths.Results(), "benchmarks");
            if (parse.GetValue(largeTensor))
            {
                LargeTensorLoadBenchmark.Run(Path.Combine(dir, "lm_large_tensor.csv"), Path.Combine(dir, ".lm-work"), Console.Out);
                return ExitCodes.Success;
            }

            LmBenchmark.Run(Path.Combine(dir, "lm.csv"), Console.Out, new LmBenchmarkOptions
            {
                Families = parse.GetValue(families)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            });
            return ExitCodes.Success;
        }));
        return command;
    }

    static Command Memory()
    {
        var layers = new Option<int>("--layers") { Description = "Decoder layers of TinyLlama-1.1B width (22 is the full 1.1B model; each adds 44M parameters).", DefaultValueFactory = _ => 4 };
        var vocab = new Option<int>("--vocab") { Description = "Vocabulary size; 600000 makes the bf16 embedding and head 2.3 GiB each, over the 2 GiB span limit.", DefaultValueFactory = _ => 32000 };
        var trials = new Option<int>("--trials") { Description = "Search trials.", DefaultValueFactory = _ => 8 };
        var work = new Option<string?>("--work") { Description = "New folder for the experts and the run (about 3 model sizes of disk); removed afterwards. Default: under the system temp folder." };
        var command = new Command("memory", "Peak anonymous memory (RssAnon) per trial of a parameter-space search with the language evaluator on random Llama-shaped bf16 experts, against the model size. Writes results/benchmarks/memory.csv.")
        {
            layers, vocab, trials, work,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            var outcome = EvoMerge.Experiments.Memory.SearchMemoryBenchmark.Run(new EvoMerge.Experiments.Memory.SearchMemoryOptions
            {
                OutputCsv = Path.Combine(RepositoryPaths.Results(), "benchmarks", "memory.csv"),
                WorkFolder = parse.GetValue(work) ?? Path.Combine(Path.GetTempPath(), "evomerge-memory-" + Guid.NewGuid().ToString("N")),
                Shape = new EvoMerge.Merging.Samples.TinyLlamaShape(Hidden: 2048, Intermediate: 5632, Layers: parse.GetValue(layers), Vocab: parse.GetValue(vocab)),
                Trials = parse.GetValue(trials),
            }, Console.Out);
            // Peaks of trials that all failed measure nothing a search does: say so and fail, as `search` does.
            if (outcome.EveryTrialFailed)
            {
                Console.Error.WriteLine($"error: every trial failed ({outcome.Failed}); the most common reason: {outcome.MostCommonFailure?.Reason}");
                return ExitCodes.Failure;
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    static Command Dashboard()
    {
        var command = new Command("dashboard", $"Render a synthetic {Commands.Dashboard.DashboardBenchmark.Trials:N0}-trial run in the dashboard with headless chromium: first load and each view's render time. Writes results/benchmarks/dashboard.csv.");
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            Commands.Dashboard.DashboardBenchmark.Run(Path.Combine(RepositoryPaths.Results(), "benchmarks"), Console.Out).GetAwaiter().GetResult();
            return ExitCodes.Success;
        }));
        return command;
    }
}
