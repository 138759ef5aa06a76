using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary><c>optimizer: {name, ...}</c>: the name picks the descriptor (<see cref="OptimizerRegistry"/>), which reads its own settings.</summary>
internal static class OptimizerSection
{
    public static OptimizerSpec? Read(YamlFields f, YamlMappingNode root)
    {
        var map = f.Mapping(root, "optimizer", "", required: true);
        if (map is null) return null;
        string? name = f.String(map, "name", "optimizer", required: true);
        if (name is null) return null;
        if (!OptimizerRegistry.TryGet(name, out var descriptor))
        {
            f.Problems.Add("optimizer.name: " + OptimizerRegistry.UnknownName(name));
            return null;
        }
        return descriptor.Read(f, map);
    }
}
