using EvoMerge.Search.Config;

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

    /// <summary>The devices of local worker <paramref name="index"/> of <paramref name="workers"/>: the list dealt out in turn.</summary>
    public static IReadOnlyList<string> DevicesOf(IReadOnlyList<string> devices, int index, int workers) =>
        devices.Where((_, i) => i % workers == index).ToList();
}
