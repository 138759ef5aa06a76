using EvoMerge.Search.Config;
using TorchSharp;

namespace EvoMerge.Search.Spaces;

/// <summary>Builds a config's search space (no task data): for a run, a worker, or to export a trial's model.</summary>
public static class SearchSpaces
{
    public static ISearchSpace Create(SearchConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var device = config.Device == "cpu" ? torch.CPU : new torch.Device(config.Device);
        return GenomeKindRegistry.Get(config.Genome.Kind).Create(config, device);
    }
}
