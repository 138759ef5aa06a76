using EvoMerge.Evaluation.Metrics;
using EvoMerge.Merging.Methods;
using EvoMerge.Models.HuggingFace;
using EvoMerge.Search.Config;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.ConfigFile;

/// <summary>
/// Reads a search YAML file into a <see cref="SearchConfig"/>, reporting every problem at once (each with
/// its field path) before any model weights are read. Relative paths resolve against the working directory.
/// </summary>
public static class SearchConfigParser
{
    static readonly string[] TopLevel = ["name", "seed", "device", "output", "scratch", "models", "merge", "genome", "optimizer", "budget", "tasks", "fitness", "execution"];

    public static SearchConfig ParseFile(string path, string workingDirectory, HubCache? hubCache = null)
    {
        string full = Path.GetFullPath(path, workingDirectory);
        if (!File.Exists(full)) throw new SearchConfigException(path, ["config file not found."]);
        string defaultName = Path.GetFileNameWithoutExtension(full);
        return Parse(File.ReadAllText(full), workingDirectory, full, defaultName, hubCache);
    }

    /// <param name="hubCache">Where org/name model ids are looked up; the process environment's cache when null.</param>
    /// <param name="pathMap">Where this machine keeps the files the config names (a farm worker's --path-map); none when null.</param>
    public static SearchConfig Parse(string yaml, string workingDirectory, string sourceName, string defaultName, HubCache? hubCache = null,
        PathMap? pathMap = null)
    {
        var root = Load(yaml, sourceName);
        var problems = new List<string>();
        var f = new YamlFields(problems);
        var paths = new PathResolver(workingDirectory, problems, hubCache ?? HubCache.FromEnvironment(), pathMap);
        f.RejectUnknown(root, "", TopLevel);

        string name = f.String(root, "name", "") ?? defaultName;
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(' '))
            problems.Add($"name: '{name}' is used in folder names; use letters, digits, '-', '_' or '.'.");
        long seed = f.Integer(root, "seed", "", 0) ?? 0;
        if (YamlFields.Get(root, "seed") is null) problems.Add("seed: required (any non-negative integer; the same seed gives the same run).");
        string device = f.String(root, "device", "") ?? "cpu";
        if (device != "cpu" && device != "cuda" && !device.StartsWith("cuda:", StringComparison.Ordinal))
            problems.Add($"device: '{device}' is not cpu, cuda or cuda:N.");
        string? output = f.String(root, "output", "") is { } o ? Path.GetFullPath(o, workingDirectory) : null;
        if (output is not null && OutputFolderProblem(output) is { } outputProblem) problems.Add($"output: {outputProblem}");
        string? scratch = paths.WritableFolder(f.String(root, "scratch", ""), "scratch");

        var models = ModelsSection.Read(f, paths, root);
        // A genome kind that merges no parameters (data flow) needs no merge section.
        var merge = !GenomeSection.MergesParameters(root) && YamlFields.Get(root, "merge") is null ? MergeSpec.Unused : MergeSection.Read(f, paths, root);
        var genome = GenomeSection.Read(f, paths, root, merge);
        var optimizer = OptimizerSection.Read(f, root);
        var budget = BudgetSection.Read(f, root);
        // The model a language task runs as (the base, else the first expert) decides the dtype a task does not give.
        var modelDType = new Lazy<string>(() => (models?.Base ?? models?.Experts.FirstOrDefault()) is { } m ? CheckpointDType.Of(m.Path) : CheckpointDType.Float32);
        var tasks = TasksSection.Read(f, paths, root, () => modelDType.Value, () => (models?.Base ?? models?.Experts.FirstOrDefault())?.Path);
        var fitness = FitnessSection.Read(f, root);
        var execution = ExecutionSection.Read(f, root, workingDirectory);

        if (genome is not null) GenomeKindRegistry.Get(genome.Kind).Check(new GenomeChecking(genome, models, merge, tasks, problems));
        CheckObjectives(optimizer, tasks, problems);
        FitnessSection.CheckTasks(fitness, tasks, optimizer, problems);

        if (problems.Count > 0) throw new SearchConfigException(sourceName, problems);
        return new SearchConfig
        {
            Name = name,
            Seed = (ulong)seed,
            Device = device,
            Output = output,
            Scratch = scratch,
            Models = models!,
            Merge = merge!,
            Genome = genome!,
            Optimizer = optimizer!,
            Budget = budget!,
            Tasks = tasks,
            Fitness = fitness,
            Execution = execution,
        };
    }

    static YamlMappingNode Load(string yaml, string sourceName)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
                throw new SearchConfigException(sourceName, ["expected a YAML mapping with models, merge, genome, optimizer, budget and tasks."]);
            return map;
        }
        catch (YamlException e)
        {
            throw new SearchConfigException(sourceName, [$"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}"]);
        }
        catch (InvalidOperationException e)
        {
            throw new SearchConfigException(sourceName, [$"invalid YAML ({e.Message}); look for an unclosed bracket or quote."]);
        }
    }

    /// <summary>Which optimizers suit how many objectives, and M2N2's need for per-example scores.</summary>
    /// <summary>
    /// Why run folders cannot be created under <paramref name="folder"/>, or null. Checked here so a wrong
    /// <c>output:</c> is one line among the config's problems rather than an IO error once the run starts.
    /// </summary>
    static string? OutputFolderProblem(string folder)
    {
        if (File.Exists(folder)) return $"'{folder}' is a file; give the folder that run folders are created in.";
        var existing = new DirectoryInfo(folder);
        while (existing is not null && !existing.Exists)
        {
            if (File.Exists(existing.FullName))
                return $"'{existing.FullName}' is a file, so '{folder}' cannot be created; give another folder.";
            existing = existing.Parent;
        }
        if (existing is null) return $"'{folder}' cannot be created (no existing parent folder).";
        return WritableFolderCheck.Problem(existing.FullName) is { } problem
            ? $"run folders cannot be created under '{folder}': {problem}"
            : null;
    }

    static void CheckObjectives(OptimizerSpec? optimizer, IReadOnlyList<TaskSpec> tasks, List<string> problems)
    {
        if (optimizer is null || tasks.Count == 0) return;
        int objectives = ObjectiveNames.Of(tasks).Count;
        var capabilities = OptimizerRegistry.Get(optimizer.Name).Capabilities;
        bool multi = capabilities.MultiObjective;
        if (objectives > 1 && !multi)
            problems.Add($"optimizer.name: '{optimizer.Name}' optimizes one objective but the tasks define {objectives} " +
                         "(tasks with objective: own); put them in the weighted sum (objective: weighted) or use nsga2 or random.");
        if (!capabilities.NeedsPerExampleScores) return;
        foreach (var kind in tasks.Select(t => t.Kind).Where(k => !k.Capabilities.PerExampleScores).Distinct())
            problems.Add($"optimizer.name: {optimizer.Name} needs per-example scores, which {kind.Name} evaluators do not return; use {TaskKindRegistry.NamesThat(k => k.PerExampleScores)} tasks.");
        foreach (var task in tasks.Where(t => t.Metric is not ("accuracy" or "exact_match")))
            problems.Add($"optimizer.name: {optimizer.Name} competes over per-example scores of 0 (wrong) to 1 (right); task '{task.Name}' uses '{task.Metric}' (use accuracy or exact_match).");
    }

    internal static bool IsKnownMetric(string metric) => MetricRegistry.Names.Contains(metric);
}
