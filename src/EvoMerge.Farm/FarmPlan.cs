using EvoMerge.Search.Config;
using EvoMerge.Search.Tasks.Command;

namespace EvoMerge.Farm;

/// <summary>
/// The farm a search uses: the config's <c>execution:</c> with the command line's <c>--workers</c> and
/// <c>--slots</c> (which win), checked as a whole.
/// </summary>
public static class FarmPlan
{
    public static ExecutionSpec Resolve(ExecutionSpec configured, int? workers, int? slots)
    {
        var problems = new List<string>();
        if (workers is < 0) problems.Add($"--workers: {workers} is negative (0 evaluates in the search process).");
        if (slots is < 1) problems.Add($"--slots: {slots} must be at least 1.");
        if (slots is not null && configured.Devices.Count > 0)
            problems.Add("--slots: the config's execution.devices gives one slot per device; drop --slots or the devices.");
        var plan = configured with { Workers = workers ?? configured.Workers, Slots = slots ?? configured.Slots };
        if (plan.Devices.Count > 0 && plan.Workers > plan.Devices.Count)
            problems.Add($"execution: {plan.Workers} local workers but only {plan.Devices.Count} devices; each local worker needs at least one device.");
        if (problems.Count > 0) throw new FarmSetupException(string.Join(" ", problems));
        return plan;
    }

    /// <summary>
    /// A note for a farm whose local CPU slots take every core for evaluation in the workers themselves (tasks
    /// other than <c>command</c>, on the CPU): the slots then share the cores with each other and with the search
    /// process, so they add little (on 2 cores, 2 classifier workers ran no faster than one: <c>benchmark farm</c>'s
    /// cpu_cores column shows why). Null when the evaluation runs elsewhere (command tasks, GPUs) or a core is left.
    /// </summary>
    public static string? CoresNote(SearchConfig config, int processorCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        var plan = config.Execution;
        if (plan.Workers == 0 || plan.Devices.Count > 0 || config.Device != "cpu") return null;
        var inWorker = config.Tasks.Where(t => t.Kind is not CommandTaskKind).Select(t => t.Kind.Name).Distinct(StringComparer.Ordinal).ToList();
        int slots = plan.Workers * plan.Slots;
        if (inWorker.Count == 0 || slots < processorCount) return null;
        return $"{slots} local CPU slot{(slots == 1 ? "" : "s")} on {processorCount} core{(processorCount == 1 ? "" : "s")}: {string.Join(" and ", inWorker)} "
            + "tasks run on the CPU inside the workers, which share the cores with each other and with this search process, "
            + $"so expect little gain beyond {Math.Max(1, processorCount - 1)} slot{(processorCount - 1 > 1 ? "s" : "")} (./run.sh benchmark farm shows the cores a farm keeps busy). "
            + "A farm pays off with command tasks, GPUs (execution.devices) or workers on other machines.";
    }

    /// <summary>The devices of local worker <paramref name="index"/> of <paramref name="workers"/>: the list dealt out in turn.</summary>
    public static IReadOnlyList<string> DevicesOf(IReadOnlyList<string> devices, int index, int workers) =>
        devices.Where((_, i) => i % workers == index).ToList();
}
