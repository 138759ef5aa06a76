namespace EvoMerge.Search.Config;

/// <summary>
/// <c>fitness.recalibrate: {every_generations, count}</c> (with <c>estimator: irt</c>): after calibration, in every
/// <see cref="EveryGenerations"/>-th generation the first <see cref="Count"/> trials (in asked order) are scored
/// on every fitness example, their metrics are their full scores, and they join the calibration set, so the
/// models the estimates lean on follow the search instead of staying where it started.
/// </summary>
public sealed record RecalibrateSpec(int EveryGenerations = 1, int Count = 1)
{
    public static readonly string[] Fields = ["every_generations", "count"];
}
