using System.Diagnostics;
using EvoMerge.Core.IO;
using EvoMerge.Experiments.EvoLlmToy;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Output;
using EvoMerge.Models.Llama;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.DataFlow;
using EvoMerge.Search.Export;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Running;

namespace EvoMerge.Experiments.EvoLlmToyExperiment;

/// <summary>Settings of the evollm-toy experiment.</summary>
public sealed record EvoLlmToyExperimentOptions
{
    public required string RepositoryRoot { get; init; }

    /// <summary>Where table.csv, table.md, the plots and the search configs go (committed).</summary>
    public required string ResultsFolder { get; init; }

    /// <summary>Where the trained models and the search run folders go (not committed).</summary>
    public required string WorkFolder { get; init; }

    public int Evaluations { get; init; } = 200;

    public int MaxNewTokens { get; init; } = 4;

    public ulong Seed { get; init; } = 42;

    /// <summary>
    /// The optimizers of the DFS search, one run and one table row each, so they can be compared on the same
    /// genome (e.g. CMA-ES with margin, which samples the slot indicators as bits, against plain CMA-ES).
    /// PS+DFS always uses <see cref="PsDfsOptimizer"/>.
    /// </summary>
    public IReadOnlyList<string> DfsOptimizers { get; init; } = [PsDfsOptimizer];

    public const string PsDfsOptimizer = "sep-cmaes";

    /// <summary>
    /// <c>--dfs-optimizers cmaes,cmawm</c>: registered single-objective optimizers, each once; throws naming the
    /// option and the valid names otherwise.
    /// </summary>
    public static IReadOnlyList<string> ParseDfsOptimizers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var problems = new List<string>();
        if (names.Length == 0) problems.Add("name at least one optimizer");
        foreach (var name in names)
        {
            if (!OptimizerRegistry.Names.Contains(name)) problems.Add(OptimizerRegistry.UnknownName(name).TrimEnd('.'));
            else if (OptimizerRegistry.Get(name).Capabilities.NeedsPerExampleScores)
                problems.Add($"'{name}' needs per-example scores, which the DFS target task does not give");
        }
        foreach (var twice in names.GroupBy(n => n).Where(g => g.Count() > 1))
            problems.Add($"'{twice.Key}' is listed twice");
        return problems.Count == 0 ? names : throw new ArgumentException($"--dfs-optimizers: {string.Join("; ", problems)}.");
    }

    /// <summary>The DFS run's name (its run folder and config) and its table row for <paramref name="optimizer"/>.</summary>
    public (string Run, string Row) DfsNames(string optimizer) => DfsOptimizers.Count == 1
        ? ("dfs", "dfs (layer path + scales)")
        : ($"dfs_{optimizer}", $"dfs ({optimizer})");

    public EvoLlmToyOptions Assets { get; init; } = new();
}

/// <summary>
/// `./run.sh experiment evollm-toy`: a small-scale reproduction of evolutionary LLM merging. Builds the toy
/// languages and trains base, expert A (arithmetic in language 1) and expert B (language-2 text); scores the
/// sources and simple merges (linear, task arithmetic, TIES, DARE-TIES with default-style settings); runs the
/// PS, DFS and PS+DFS searches (fitness: target dev split); scores every model on the held-out test splits;
/// writes table.csv, table.md and plots. Each search is an ordinary run folder (resumable).
/// </summary>
public static class EvoLlmToyExperiment
{
    public static IReadOnlyList<ToyTableRow> Run(EvoLlmToyExperimentOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.ResultsFolder);
        Directory.CreateDirectory(options.WorkFolder);
        log.WriteLine($"[{clock.Elapsed:mm\\:ss}] preparing the toy languages and training base, expert A and expert B ...");
        var assets = EvoLlmToyAssets.Prepare(Path.Combine(options.WorkFolder, "assets"), options.Assets, new Progress(log));
        var tasks = new ToyTestTasks(assets, options.MaxNewTokens);
        var rows = new List<ToyTableRow>();

        void Add(string model, string kind, Func<ICausalLm> load, string note = "")
        {
            var loaded = load();
            try
            {
                var (t, s1, s2) = tasks.Score(loaded);
                rows.Add(new ToyTableRow(model, kind, t, s1, s2, note));
                log.WriteLine($"[{clock.Elapsed:mm\\:ss}] {model,-26} target {t:P1}  source1 {s1:P1}  source2 {s2:P1}");
            }
            finally
            {
                (loaded as IDisposable)?.Dispose();
            }
        }

        Add("base", "source", () => LlamaModel.Load(assets.BaseModel));
        Add("expert_a (lang-1 math)", "source", () => LlamaModel.Load(assets.ExpertA));
        Add("expert_b (lang-2 text)", "source", () => LlamaModel.Load(assets.ExpertB));
        foreach (var (name, recipe) in SimpleMerges(assets))
        {
            string folder = Path.Combine(options.WorkFolder, "simple", name);
            var merge = new MergeJobOptions { Overwrite = true };
            MergeJob.Run(MergeJob.Prepare(MergeConfigParser.Parse(recipe, options.WorkFolder, name), folder, merge), folder, merge);
            Add(name, "simple_merge", () => LlamaModel.Load(folder));
        }

        string configs = Path.Combine(options.ResultsFolder, "configs");
        Directory.CreateDirectory(configs);
        string ps = RunSearch("ps", ToySearchConfigs.ParameterSpace(assets, options.Evaluations, options.MaxNewTokens, options.Seed), configs, options, log, clock);
        Add("ps (per-layer dare_ties)", "ps", () => Best(ps, options, "ps"));
        string psRecipe = Path.Combine(ps, BestTrials.FolderName, "weighted_sum", "recipe.yml");
        var searches = new List<(string Name, string RunFolder)> { ("ps", ps) };
        foreach (var optimizer in options.DfsOptimizers)
        {
            var (name, row) = options.DfsNames(optimizer);
            string dfs = RunSearch(name, ToySearchConfigs.DataFlow(assets, options.Evaluations, options.MaxNewTokens, options.Seed, null, optimizer), configs, options, log, clock);
            Add(row, "dfs", () => Best(dfs, options, name));
            searches.Add((name, dfs));
        }
        string psDfs = RunSearch("ps_dfs", ToySearchConfigs.DataFlow(assets, options.Evaluations, options.MaxNewTokens, options.Seed, psRecipe, EvoLlmToyExperimentOptions.PsDfsOptimizer),
            configs, options, log, clock);
        Add("ps+dfs", "ps_dfs", () => Best(psDfs, options, "ps_dfs"));
        searches.Add(("ps_dfs", psDfs));

        ToyTableFiles.Write(options.ResultsFolder, rows, searches);
        log.WriteLine($"[{clock.Elapsed:mm\\:ss}] wrote {options.ResultsFolder}/table.csv, table.md, target_accuracy.png, search_curves.png");
        return rows;
    }

    /// <summary>The simple merges of the table, with the settings people use by default (weights 1; density 0.5 where sparsified).</summary>
    static IEnumerable<(string Name, string Yaml)> SimpleMerges(EvoLlmToyAssetPaths a)
    {
        string Models(string parameters) => $"models:\n  - model: '{a.ExpertA}'\n    parameters: {parameters}\n  - model: '{a.ExpertB}'\n    parameters: {parameters}\n";
        yield return ("linear", "merge_method: linear\n" + Models("{weight: 1}"));
        yield return ("task_arithmetic", $"merge_method: task_arithmetic\nbase_model: '{a.BaseModel}'\n" + Models("{weight: 1}"));
        yield return ("ties", $"merge_method: ties\nbase_model: '{a.BaseModel}'\n" + Models("{weight: 1, density: 0.5}"));
        yield return ("dare_ties", $"merge_method: dare_ties\nbase_model: '{a.BaseModel}'\nrandom_seed: 0\n" + Models("{weight: 1, density: 0.5}"));
    }

    /// <summary>Runs (or resumes, or reuses when finished) one search; returns its run folder.</summary>
    static string RunSearch(string name, string yaml, string configs, EvoLlmToyExperimentOptions options, TextWriter log, Stopwatch clock)
    {
        string configPath = Path.Combine(configs, $"{name}.yml");
        AtomicFile.WriteAllText(configPath, yaml, fsync: false);
        var config = SearchConfigParser.ParseFile(configPath, options.RepositoryRoot);
        string folder = Path.Combine(options.WorkFolder, "runs", name);
        log.WriteLine($"[{clock.Elapsed:mm\\:ss}] search {name}: {config.Optimizer.Name}, {options.Evaluations} evaluations -> {folder}");
        using var run = File.Exists(Path.Combine(folder, "journal.jsonl")) ? SearchRun.Resume(folder, config) : SearchRun.Start(config, folder);
        var outcome = run.Run(new SearchLog(log, name));
        if (outcome.End != SearchEnd.Finished) throw new OperationCanceledException($"search {name} was interrupted; run the experiment again to continue it.");
        return folder;
    }

    /// <summary>The best trial's model, exported from its run folder and loaded back (a data-flow folder or a merged checkpoint).</summary>
    static ICausalLm Best(string runFolder, EvoLlmToyExperimentOptions options, string name)
    {
        var state = EvoMerge.Runs.Storage.State.RunState.From(EvoMerge.Runs.Storage.Journal.RunJournal.ReadOnly(runFolder));
        var schema = EvoMerge.Runs.Storage.Schema.RunSchema.From(state.Created);
        var (_, trial) = BestTrials.Find(state, schema).Single();
        string folder = Path.Combine(options.WorkFolder, "best", name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        RunExports.Export(runFolder, trial.TrialId, folder);
        return File.ReadAllText(Path.Combine(folder, "config.json")).Contains(DataFlowConfigKeys.InputLayers)
            ? DataFlowModel.Load(folder)
            : LlamaModel.Load(folder);
    }

    sealed class Progress(TextWriter log) : IProgress<string>
    {
        public void Report(string value) => log.WriteLine("  " + value);
    }

    sealed class SearchLog(TextWriter log, string name) : IProgress<SearchProgress>
    {
        readonly Stopwatch _clock = Stopwatch.StartNew();
        double _last = double.NegativeInfinity;

        public void Report(SearchProgress p)
        {
            if (_clock.Elapsed.TotalSeconds - _last < 15) return;
            _last = _clock.Elapsed.TotalSeconds;
            log.WriteLine($"  {name}: {p.TrialsDone}/{p.BudgetEvaluations} trials, best {p.Best[0].Best:0.###}, {p.TrialsPerSecond:0.##} trials/s");
        }
    }
}
