namespace EvoMerge.Search.Config;

/// <summary>
/// <c>fitness: {estimator: irt, anchors, calibration, anchor_estimate, recalibrate}</c>: the first <see cref="Calibration"/>
/// completed trials are scored on every fitness example; per task, <see cref="Anchors"/> examples are chosen (once by
/// clustering, or per trial for <c>completion</c> and <c>neighbour</c>) and every later trial is scored on its anchors
/// alone and gets the <see cref="Estimate"/> of its full-set accuracy (IrtCalibration in Running/).
/// <see cref="Recalibrate"/> (null: off) scores some later trials in full too and adds them to the calibration.
/// </summary>
public sealed record IrtSpec(int Anchors = 100, int Calibration = 32, AnchorEstimate Estimate = AnchorEstimate.Difference, RecalibrateSpec? Recalibrate = null)
{
    public const string EstimatorName = "irt";

    /// <summary>The YAML names of <see cref="AnchorEstimate"/>, in its order.</summary>
    public static IReadOnlyList<string> EstimateNames { get; } = ["difference", "gp_irt", "weighted", "completion", "neighbour"];

    public static string NameOf(AnchorEstimate estimate) => EstimateNames[(int)estimate];
}
