using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;
using EvoMerge.Runs.Storage;
using EvoMerge.SafeTensors;
using EvoMerge.Search.Config;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Materialization;
using EvoMerge.Search.Objectives;
using EvoMerge.Search.Tasks;
using TorchSharp;

namespace EvoMerge.Search.Running;

/// <summary>
/// Everything a run needs, prepared and checked before any weights are read: the models' headers, the
/// genome, a merge plan of the starting point (so tensor names, shapes and layer counts are checked), the
/// task evaluators with their data, and that the merged tensors fit the evaluators. All problems found
/// on the way are reported together as one <see cref="SearchConfigException"/>.
/// </summary>
public sealed class SearchSetup : IDisposable
{
    SearchSetup(SearchConfig config, IReadOnlyDictionary<string, ModelCheckpoint> headers, ParameterSpaceGenome genome, TaskSuite fitness)
    {
        Config = config;
        Headers = headers;
        Genome = genome;
        Fitness = fitness;
        Objectives = new ObjectiveSet(config.Tasks);
        Schema = new RunSchema(genome.GeneNames, fitness.MetricColumns, Objectives.Infos);
        Device = DeviceOf(config.Device);
    }

    public SearchConfig Config { get; }

    public IReadOnlyDictionary<string, ModelCheckpoint> Headers { get; }

    public ParameterSpaceGenome Genome { get; }

    public TaskSuite Fitness { get; }

    public ObjectiveSet Objectives { get; }

    public RunSchema Schema { get; }

    public torch.Device Device { get; }

    public static SearchSetup Prepare(SearchConfig config, string scratchRoot, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var headers = new Dictionary<string, ModelCheckpoint>();
        var models = (config.Models.Base is null ? config.Models.Experts : [config.Models.Base, .. config.Models.Experts]).ToList();
        foreach (var model in models)
            if (ModelCheckpoint.TryLoad(model.Path, problems) is { } header) headers[model.Path] = header;
        if (problems.Count > 0) throw new SearchConfigException(config.Name, problems.Select(p => "models: " + p).ToList());

        var genome = ParameterSpaceGenome.Build(config, headers, problems);
        MergePlan? plan = null;
        if (genome is not null)
        {
            try { plan = MergePlanner.Plan(genome.Decode(genome.Initial(), 0), headers); }
            catch (MergeConfigException e) { problems.Add($"merge: the starting point does not plan: {e.Message}"); }
        }
        if (problems.Count > 0) throw new SearchConfigException(config.Name, problems);

        var fitness = TaskSuiteFactory.Create(config, TaskSplit.Fitness, scratchRoot, log);
        try
        {
            var specs = plan!.Tensors.Select(t => new TensorSpec(t.OutputName, t.OutputDType, t.Shape)).ToList();
            problems.AddRange(fitness.FindProblems(specs));
            if (config.Optimizer.Name == "m2n2" && fitness.Examples == 0)
                problems.Add("optimizer.name: m2n2 needs per-example scores, and these tasks give none.");
            if (problems.Count > 0) throw new SearchConfigException(config.Name, problems);
            return new SearchSetup(config, headers, genome!, fitness);
        }
        catch
        {
            fitness.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The seed of a trial's random merge choices (DARE/DELLA masks): fixed by the run seed and the trial
    /// id, so a re-run or resumed trial merges exactly the same model and the exported recipe reproduces it.
    /// </summary>
    public long TrialSeed(long trialId) => TrialSeed(Config.Seed, trialId);

    public static long TrialSeed(ulong runSeed, long trialId)
    {
        ulong z = runSeed ^ (0x9E3779B97F4A7C15UL * (ulong)(trialId + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) & 0x7FFF_FFFF_FFFFUL);
    }

    public MergeConfig RecipeOf(long trialId, IReadOnlyList<double> genes) => Genome.Decode(genes, TrialSeed(trialId));

    public InMemoryMaterializer CreateMaterializer() => new(Headers, Device);

    static torch.Device DeviceOf(string device) => device == "cpu" ? torch.CPU : new torch.Device(device);

    public void Dispose() => Fitness.Dispose();
}
