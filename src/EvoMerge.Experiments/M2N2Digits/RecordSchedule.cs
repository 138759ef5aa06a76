namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>The forward-pass counts at which a curve is recorded: 0, every k passes, and the budget.</summary>
public static class RecordSchedule
{
    public static IReadOnlyList<long> Points(long budget, long every)
    {
        if (budget < 1) throw new ArgumentOutOfRangeException(nameof(budget), budget, "Budget must be positive.");
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "Recording interval must be positive.");
        var points = new List<long>();
        for (long p = 0; p < budget; p += every) points.Add(p);
        points.Add(budget);
        return points;
    }
}
