using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary><c>budget: {evaluations, wall_time, patience}</c>: evaluations and/or wall_time, and optionally a plateau stop.</summary>
internal static class BudgetSection
{
    public static BudgetSpec? Read(YamlFields f, YamlMappingNode root)
    {
        var map = f.Mapping(root, "budget", "", required: true);
        if (map is null) return null;
        f.RejectUnknown(map, "budget", ["evaluations", "wall_time", "patience"]);
        long? evaluations = f.Integer(map, "evaluations", "budget", 1);
        TimeSpan? wall = f.Duration(map, "wall_time", "budget");
        if (YamlFields.Get(map, "evaluations") is null && YamlFields.Get(map, "wall_time") is null)
            f.Problems.Add("budget: give evaluations (a count) and/or wall_time (e.g. 8h).");
        return new BudgetSpec(evaluations, wall) { Patience = ReadPatience(f, map) };
    }

    static PatienceSpec? ReadPatience(YamlFields f, YamlMappingNode budget)
    {
        var map = f.Mapping(budget, "patience", "budget", required: false);
        if (map is null) return null;
        f.RejectUnknown(map, "budget.patience", ["generations", "min_delta"]);
        long? generations = f.Integer(map, "generations", "budget.patience", 1);
        if (YamlFields.Get(map, "generations") is null)
            f.Problems.Add("budget.patience.generations: required (how many generations without improvement end the run, e.g. 20).");
        double minDelta = f.Number(map, "min_delta", "budget.patience") ?? 0;
        if (minDelta < 0) f.Problems.Add($"budget.patience.min_delta: {minDelta} is negative; give the smallest improvement that counts (0 or more, e.g. 0.001).");
        return generations is long g ? new PatienceSpec((int)Math.Min(g, int.MaxValue), minDelta) : null;
    }
}
