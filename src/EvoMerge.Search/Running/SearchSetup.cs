using EvoMerge.Merging.Planning;
using EvoMerge.Runs.Storage;
using EvoMerge.Search.Config;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Objectives;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Tasks;
using TorchSharp;

namespace EvoMerge.Search.Running;

/// <summary>
/// Everything a run needs, prepared and checked before the first trial: the search space (for parameter
/// space: the models' headers, the genome and a merge plan of the starting point, so tensor names, shapes and
/// layer counts are checked without reading weights; for data flow: the loaded source models), the task
/// evaluators with their data, and that candidates fit the evaluators. All problems found on the way are
/// reported together as one <see cref="SearchConfigException"/>.
/// </summary>
public sealed class SearchSetup : IDisposable
{
    SearchSetup(SearchConfig config, ISearchSpace space, TaskSuite fitness)
    {
        Config = config;
        Space = space;
        Fitness = fitness;
        Objectives = new ObjectiveSet(config.Tasks);
        Schema = new RunSchema(space.GeneNames, fitness.MetricColumns, Objectives.Infos);
    }

    public SearchConfig Config { get; }

    public ISearchSpace Space { get; }

    public TaskSuite Fitness { get; }

    public ObjectiveSet Objectives { get; }

    public RunSchema Schema { get; }

    public static SearchSetup Prepare(SearchConfig config, string scratchRoot, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var space = CreateSpace(config);
        try
        {
            var fitness = TaskSuiteFactory.Create(config, TaskSplit.Fitness, scratchRoot, log);
            try
            {
                var problems = space.Check(fitness).ToList();
                if (config.Optimizer.Name == "m2n2" && fitness.Examples == 0)
                    problems.Add("optimizer.name: m2n2 needs per-example scores, and these tasks give none.");
                if (Optimizers.OptimizerMemory.Problem(config.Optimizer, space.GeneNames.Count, fitness.Examples, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) is { } memory)
                    problems.Add(memory);
                if (problems.Count > 0) throw new SearchConfigException(config.Name, problems);
                return new SearchSetup(config, space, fitness);
            }
            catch
            {
                fitness.Dispose();
                throw;
            }
        }
        catch
        {
            space.Dispose();
            throw;
        }
    }

    /// <summary>The search space alone (no task data), e.g. to export a trial's model.</summary>
    public static ISearchSpace CreateSpace(SearchConfig config)
    {
        var problems = new List<string>();
        var device = DeviceOf(config.Device);
        if (config.Genome.Kind == GenomeKind.DataFlow)
            return DataFlowSearch.Load(config, device, problems) ?? throw new SearchConfigException(config.Name, problems);

        var models = config.Models.Base is null ? config.Models.Experts : [config.Models.Base, .. config.Models.Experts];
        var headers = ModelCheckpoint.TryLoadAll(models.Select(m => m.Path), problems);
        if (problems.Count > 0) throw new SearchConfigException(config.Name, problems.Select(p => "models: " + p).ToList());
        var genome = ParameterSpaceGenome.Build(config, headers, problems);
        if (genome is null) throw new SearchConfigException(config.Name, problems);
        return new ParameterSpaceSearch(genome, headers, config.Seed, device);
    }

    /// <summary>
    /// The seed of a trial's random merge choices (DARE/DELLA masks): fixed by the run seed and the trial
    /// id, so a re-run or resumed trial merges exactly the same model and the exported recipe reproduces it.
    /// </summary>
    public static long TrialSeed(ulong runSeed, long trialId)
    {
        ulong z = runSeed ^ (0x9E3779B97F4A7C15UL * (ulong)(trialId + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) & 0x7FFF_FFFF_FFFFUL);
    }

    static torch.Device DeviceOf(string device) => device == "cpu" ? torch.CPU : new torch.Device(device);

    public void Dispose()
    {
        Fitness.Dispose();
        Space.Dispose();
    }
}
