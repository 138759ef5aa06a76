using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary><c>budget: {evaluations, wall_time}</c>: at least one of them.</summary>
internal static class BudgetSection
{
    public static BudgetSpec? Read(YamlFields f, YamlMappingNode root)
    {
        var map = f.Mapping(root, "budget", "", required: true);
        if (map is null) return null;
        f.RejectUnknown(map, "budget", ["evaluations", "wall_time"]);
        long? evaluations = f.Integer(map, "evaluations", "budget", 1);
        TimeSpan? wall = f.Duration(map, "wall_time", "budget");
        if (YamlFields.Get(map, "evaluations") is null && YamlFields.Get(map, "wall_time") is null)
            f.Problems.Add("budget: give evaluations (a count) and/or wall_time (e.g. 8h).");
        return new BudgetSpec(evaluations, wall);
    }
}
