namespace EvoMerge.Search.Config;

/// <summary>
/// <c>fitness: {estimator: irt, anchors, calibration, anchor_estimate}</c>: the first <see cref="Calibration"/> completed
/// trials are scored on every fitness example; per task, <see cref="Anchors"/> examples are chosen by clustering
/// and every later trial is scored on the anchors alone and gets the <see cref="Estimate"/> of its full-set accuracy
/// (IrtCalibration in Running/).
/// </summary>
public sealed record IrtSpec(int Anchors = 100, int Calibration = 32, AnchorEstimate Estimate = AnchorEstimate.Difference)
{
    public const string EstimatorName = "irt";

    /// <summary>The YAML names of <see cref="AnchorEstimate"/>, in its order.</summary>
    public static IReadOnlyList<string> EstimateNames { get; } = ["difference", "gp_irt", "weighted", "completion"];

    public static string NameOf(AnchorEstimate estimate) => EstimateNames[(int)estimate];
}
