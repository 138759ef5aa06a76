namespace EvoMerge.Reporting.Plots;

/// <summary>Axis labels for objectives, saying which way is better.</summary>
internal static class AxisText
{
    public static string Objective(RunView run, int objective)
    {
        var info = run.Schema.Objectives[objective];
        return $"{info.Name} ({(info.Maximize ? "higher" : "lower")} is better)";
    }
}
