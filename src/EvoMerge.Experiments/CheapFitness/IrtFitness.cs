namespace EvoMerge.Experiments.CheapFitness;

/// <summary>Which anchor estimate the IRT method hands CMA-ES as a candidate's fitness.</summary>
public enum IrtFitness
{
    /// <summary>gp-IRT: the weighted anchors mixed with p-IRT by their estimated errors.</summary>
    GpIrt,

    /// <summary>The weighted anchor estimate alone (IRT only chooses the anchors and their weights).</summary>
    Weighted,

    /// <summary>
    /// Anchors clustered by the calibration answers and the difference from a reference mixed from the
    /// calibration models (<see cref="EvoMerge.Fitness.Irt.ReferenceDifferenceEstimator"/>): the lowest error on
    /// both tasks in the offline study (experiments/cheap-fitness/README.md).
    /// </summary>
    Difference,

    /// <summary>
    /// Uniform random anchors drawn per candidate; the candidate's other answers predicted as the convex mix of the calibration models'
    /// answers closest to its anchor answers (<see cref="EvoMerge.Fitness.Irt.AnswerCompletionEstimator"/>): the
    /// lowest error on the toy in the offline study, but it cannot extrapolate past the calibration models (digits).
    /// </summary>
    Completion,

    /// <summary>
    /// Anchors drawn per candidate where a local linear prediction of its answers from the fully scored models
    /// nearest in gene space is least sure, and the prediction's mean corrected by the anchors' weighted
    /// residuals (<see cref="EvoMerge.Fitness.Irt.NeighbourEstimator"/>): best on digits in the offline study with
    /// recalibration, poor on the toy (whose 28 genes with DARE masks make a poor neighbourhood).
    /// </summary>
    Neighbour,
}
