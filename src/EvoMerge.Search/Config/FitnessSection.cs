using EvoMerge.Fitness.Racing;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary><c>fitness: {cache, examples, racing, estimator, anchors, calibration, anchor_estimate, recalibrate, rescore_top}</c>; absent means <see cref="FitnessSpec.Default"/>.</summary>
internal static class FitnessSection
{
    public static readonly string[] Fields = ["cache", "examples", "racing", "estimator", "anchors", "calibration", "anchor_estimate", "recalibrate", "rescore_top"];

    public static readonly string[] RacingFields = ["start", "growth", "confidence", "rank_depth"];

    public static FitnessSpec Read(YamlFields f, YamlMappingNode root)
    {
        var map = f.Mapping(root, "fitness", "", required: false);
        if (map is null) return FitnessSpec.Default;
        f.RejectUnknown(map, "fitness", Fields);
        bool cache = f.Bool(map, "cache", "fitness") ?? false;
        long? examples = f.Integer(map, "examples", "fitness", 1);
        long? rescore = f.Integer(map, "rescore_top", "fitness", 1);
        return new FitnessSpec(cache, examples is long n ? (int)Math.Min(n, int.MaxValue) : null, ReadRacing(f, map), ReadIrt(f, map),
                               rescore is long k ? (int)Math.Min(k, int.MaxValue) : null);
    }

    /// <summary><c>estimator: full</c> (the default) or <c>irt</c>; <c>anchors</c>, <c>calibration</c> and <c>anchor_estimate</c> belong to irt.</summary>
    static IrtSpec? ReadIrt(YamlFields f, YamlMappingNode fitness)
    {
        string estimator = f.String(fitness, "estimator", "fitness") ?? "full";
        long? anchors = f.Integer(fitness, "anchors", "fitness", 1);
        long? calibration = f.Integer(fitness, "calibration", "fitness", 4);
        string? estimate = f.String(fitness, "anchor_estimate", "fitness");
        var recalibrate = ReadRecalibrate(f, fitness);
        int estimateIndex = estimate is null ? 0 : IrtSpec.EstimateNames.ToList().IndexOf(estimate);
        if (estimateIndex < 0)
            f.Problems.Add($"fitness.anchor_estimate: '{estimate}' is not one of {string.Join(", ", IrtSpec.EstimateNames)}.");
        if (estimator is not ("full" or IrtSpec.EstimatorName))
        {
            f.Problems.Add($"fitness.estimator: '{estimator}' is not full or {IrtSpec.EstimatorName}.");
            return null;
        }
        if (estimator == "full")
        {
            if (anchors is not null || calibration is not null || estimate is not null || recalibrate is not null)
                f.Problems.Add("fitness.anchors, fitness.calibration, fitness.anchor_estimate and fitness.recalibrate belong to estimator: irt; add it or remove them.");
            return null;
        }
        var defaults = new IrtSpec();
        return new IrtSpec((int)Math.Min(anchors ?? defaults.Anchors, int.MaxValue), (int)Math.Min(calibration ?? defaults.Calibration, int.MaxValue),
                           estimateIndex < 0 ? defaults.Estimate : (AnchorEstimate)estimateIndex, recalibrate);
    }

    /// <summary><c>recalibrate: {every_generations: 1, count: 1}</c>, both at least 1; absent: off.</summary>
    static RecalibrateSpec? ReadRecalibrate(YamlFields f, YamlMappingNode fitness)
    {
        var map = f.Mapping(fitness, "recalibrate", "fitness", required: false);
        if (map is null) return null;
        f.RejectUnknown(map, "fitness.recalibrate", RecalibrateSpec.Fields);
        var defaults = new RecalibrateSpec();
        long? every = f.Integer(map, "every_generations", "fitness.recalibrate", 1);
        long? count = f.Integer(map, "count", "fitness.recalibrate", 1);
        return new RecalibrateSpec((int)Math.Min(every ?? defaults.EveryGenerations, int.MaxValue), (int)Math.Min(count ?? defaults.Count, int.MaxValue));
    }

    static RacingOptions? ReadRacing(YamlFields f, YamlMappingNode fitness)
    {
        var map = f.Mapping(fitness, "racing", "fitness", required: false);
        if (map is null) return null;
        f.RejectUnknown(map, "fitness.racing", RacingFields);
        var defaults = new RacingOptions();
        var options = new RacingOptions(
            (int)Math.Min(f.Integer(map, "start", "fitness.racing", 2) ?? defaults.Start, int.MaxValue),
            f.Number(map, "growth", "fitness.racing") ?? defaults.Growth,
            f.Number(map, "confidence", "fitness.racing") ?? defaults.Confidence,
            f.Integer(map, "rank_depth", "fitness.racing", 1) is long depth ? (int)Math.Min(depth, int.MaxValue) : null);
        // The options name their fields as racing.x; the config path is fitness.racing.x.
        f.Problems.AddRange(options.Problems().Select(p => "fitness." + p));
        return options;
    }

    /// <summary>
    /// A fitness subset or a race needs evaluators that score chosen rows of their data (a command scores its
    /// data file itself); a race also compares per-example scores, ranks one objective, and hands whole
    /// generations to the optimizer.
    /// </summary>
    public static void CheckTasks(FitnessSpec fitness, IReadOnlyList<TaskSpec> tasks, OptimizerSpec? optimizer, List<string> problems)
    {
        if (fitness.Examples is not null)
            foreach (var task in tasks.Where(t => !t.Kind.Capabilities.ScoresSubsets))
                problems.Add($"fitness.examples: task '{task.Name}' uses the {task.Kind.Name} evaluator, which cannot score a subset of its data; " +
                             "remove fitness.examples, or give that task a smaller data file.");
        if (fitness.Irt is not null) CheckIrt(fitness, tasks, optimizer, problems);
        if (fitness.Racing is null) return;
        foreach (var task in tasks.Where(t => !t.Kind.Capabilities.ScoresSubsets || !t.Kind.Capabilities.PerExampleScores))
            problems.Add($"fitness.racing: task '{task.Name}' uses the {task.Kind.Name} evaluator, which cannot score chosen examples one by one; " +
                         "remove fitness.racing, or use classifier, onnx or language tasks.");
        if (tasks.Count > 0 && ObjectiveNames.Of(tasks).Count > 1)
            problems.Add("fitness.racing: a race ranks one objective, but the tasks define several (objective: own); put them in the weighted sum or remove fitness.racing.");
        if (fitness.Cache)
            problems.Add("fitness.racing: cannot be combined with fitness.cache (a raced trial's outcome depends on the generation it raced in); remove one of them.");
        if (optimizer is null) return;
        var capabilities = OptimizerRegistry.Get(optimizer.Name).Capabilities;
        if (capabilities.SteadyState)
            problems.Add($"fitness.racing: '{optimizer.Name}' takes results one at a time; a race needs an optimizer that waits for whole generations.");
        if (capabilities.NeedsPerExampleScores)
            problems.Add($"fitness.racing: '{optimizer.Name}' competes over per-example scores of the whole fitness set, which a race does not give every candidate; remove fitness.racing.");
    }

    /// <summary>IRT models right/wrong answers: every task must score chosen examples one by one as 0 or 1.</summary>
    static void CheckIrt(FitnessSpec fitness, IReadOnlyList<TaskSpec> tasks, OptimizerSpec? optimizer, List<string> problems)
    {
        foreach (var task in tasks.Where(t => !t.Kind.Capabilities.ScoresSubsets || !t.Kind.Capabilities.PerExampleScores))
            problems.Add($"fitness.estimator: task '{task.Name}' uses the {task.Kind.Name} evaluator, which cannot score chosen examples one by one; " +
                         "irt needs per-example scores of every task (classifier, onnx or language tasks).");
        foreach (var task in tasks.Where(t => t.Metric is not ("accuracy" or "exact_match")))
            problems.Add($"fitness.estimator: irt models right/wrong answers, but task '{task.Name}' is scored by '{task.Metric}'; use accuracy or exact_match, or remove estimator: irt.");
        if (fitness.Racing is not null)
            problems.Add("fitness.estimator: irt and fitness.racing are two ways of saving examples; use one of them.");
        if (fitness.Cache)
            problems.Add("fitness.estimator: irt cannot be combined with fitness.cache; remove one of them.");
        if (optimizer is not null && OptimizerRegistry.Get(optimizer.Name).Capabilities.NeedsPerExampleScores)
            problems.Add($"fitness.estimator: '{optimizer.Name}' competes over per-example scores of the whole fitness set, which estimated trials do not have; remove estimator: irt.");
    }
}
