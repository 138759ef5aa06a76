using EvoMerge.Search.Tasks;
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

    /// <summary>A fitness subset needs evaluators that score chosen rows of their data; a command scores its data file itself.</summary>
    public static void CheckTasks(FitnessSpec fitness, IReadOnlyList<TaskSpec> tasks, List<string> problems)
    {
        if (fitness.Examples is null) return;
        foreach (var task in tasks.Where(t => !t.Kind.Capabilities.ScoresSubsets))
            problems.Add($"fitness.examples: task '{task.Name}' uses the {task.Kind.Name} evaluator, which cannot score a subset of its data; " +
                         "remove fitness.examples, or give that task a smaller data file.");
    }
}
