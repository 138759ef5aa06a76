using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary><c>fitness: {cache, examples}</c>; absent means <see cref="FitnessSpec.Default"/>.</summary>
internal static class FitnessSection
{
    public static readonly string[] Fields = ["cache", "examples"];

    public static FitnessSpec Read(YamlFields f, YamlMappingNode root)
    {
        var map = f.Mapping(root, "fitness", "", required: false);
        if (map is null) return FitnessSpec.Default;
        f.RejectUnknown(map, "fitness", Fields);
        bool cache = f.Bool(map, "cache", "fitness") ?? false;
        long? examples = f.Integer(map, "examples", "fitness", 1);
        return new FitnessSpec(cache, examples is long n ? (int)Math.Min(n, int.MaxValue) : null);
    }
}
