using EvoMerge.Merging.Planning;
using EvoMerge.Search.Config;
using EvoMerge.Search.Genomes;
using TorchSharp;

namespace EvoMerge.Search.Spaces;

/// <summary>Builds a config's search space (no task data): for a run, a worker, or to export a trial's model.</summary>
public static class SearchSpaces
{
    public static ISearchSpace Create(SearchConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
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

    static torch.Device DeviceOf(string device) => device == "cpu" ? torch.CPU : new torch.Device(device);
}
