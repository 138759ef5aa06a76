using EvoMerge.Merging.Methods.Sparsification;

namespace EvoMerge.Merging.Methods.TaskArithmeticFamily;

/// <summary>The nine task-arithmetic methods with mergekit's defaults (mergekit/merge_methods/registry.py).</summary>
public static class TaskArithmeticVariants
{
    public static readonly TaskArithmeticVariant TaskArithmetic = new("task_arithmetic", SparsificationKind.None, false, false, false);
    public static readonly TaskArithmeticVariant Ties = new("ties", SparsificationKind.Magnitude, true, true, false);
    public static readonly TaskArithmeticVariant DareTies = new("dare_ties", SparsificationKind.Random, true, false, true);
    public static readonly TaskArithmeticVariant DareLinear = new("dare_linear", SparsificationKind.Random, false, false, true);
    public static readonly TaskArithmeticVariant Breadcrumbs = new("breadcrumbs", SparsificationKind.MagnitudeOutliers, false, false, false);
    public static readonly TaskArithmeticVariant BreadcrumbsTies = new("breadcrumbs_ties", SparsificationKind.MagnitudeOutliers, true, false, false);
    public static readonly TaskArithmeticVariant Della = new("della", SparsificationKind.RankMagnitudeSampling, true, true, true);
    public static readonly TaskArithmeticVariant DellaLinear = new("della_linear", SparsificationKind.RankMagnitudeSampling, false, false, true);

    public static IReadOnlyList<TaskArithmeticVariant> All { get; } =
        [TaskArithmetic, Ties, DareLinear, DareTies, Breadcrumbs, BreadcrumbsTies, Della, DellaLinear];
}
