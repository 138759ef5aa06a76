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
    /// <c>completion</c>: uniform random anchors drawn per trial; the trial's other answers are predicted as the convex mix of the
    /// calibration trials' answers closest to its anchor answers (EvoMerge.Fitness.Irt.AnswerCompletionEstimator).
    /// </summary>
    Completion,

    /// <summary>
    /// <c>neighbour</c>: per trial, its answers predicted from the genes of the fully scored trials nearest to it
    /// (a local linear fit), anchors drawn for it where that prediction is least sure, and the prediction's mean
    /// corrected by the anchors' weighted residuals (EvoMerge.Fitness.Irt.NeighbourEstimator). Best with
    /// <c>recalibrate</c>, which keeps fully scored trials near the search.
    /// </summary>
    Neighbour,
}
