namespace EvoMerge.Search.Config;

/// <summary><c>fitness.anchor_estimate</c>: how <c>estimator: irt</c> turns a trial's anchor answers into its metric.</summary>
public enum AnchorEstimate
{
    /// <summary>
    /// <c>difference</c> (default): anchors clustered by the calibration trials' answers, and the trial's difference
    /// from a reference mixed from the calibration trials (EvoMerge.Fitness.Irt.ReferenceDifferenceEstimator).
    /// </summary>
    Difference,

    /// <summary><c>gp_irt</c>: anchors clustered by 2PL item parameters, the gp-IRT blend of weighted anchors and p-IRT.</summary>
    GpIrt,

    /// <summary><c>weighted</c>: anchors clustered by 2PL item parameters, the weighted anchor answers alone.</summary>
    Weighted,

    /// <summary>
    /// <c>completion</c>: uniform random anchors; the trial's other answers are predicted as the convex mix of the
    /// calibration trials' answers closest to its anchor answers (EvoMerge.Fitness.Irt.AnswerCompletionEstimator).
    /// </summary>
    Completion,
}
