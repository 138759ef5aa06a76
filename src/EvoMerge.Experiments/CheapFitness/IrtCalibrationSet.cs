using EvoMerge.Fitness.Irt;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// What the IRT method fits on its calibration models: the 2PL estimators (weighted, p-IRT, gp-IRT) on
/// anchors clustered by item parameters, and the reference difference estimator on anchors clustered by
/// the calibration answers, and the answer completion estimator on uniform random anchors. <see cref="Anchors"/> and <see cref="Fitness"/> follow the chosen <see cref="Kind"/>.
/// </summary>
public sealed record IrtCalibrationSet(AnchorEstimator Irt, ReferenceDifferenceEstimator Difference, AnswerCompletionEstimator Completion, IrtFitness Kind)
{
    /// <summary>The calibration models' genes and answers on every fitness row (where the per-candidate estimators start).</summary>
    public IReadOnlyList<(double[] Genes, double[] Answers)> Models { get; init; } = [];

    public int[] Anchors => Kind switch
    {
        IrtFitness.Difference => Difference.Anchors.Items,
        IrtFitness.Completion or IrtFitness.Neighbour => Completion.Anchors,
        _ => Irt.Anchors.Items,
    };

    /// <param name="anchorAnswers">Scores on <see cref="Anchors"/>, in that order.</param>
    public double Fitness(IReadOnlyList<double> anchorAnswers) => Kind switch
    {
        IrtFitness.Difference => Difference.Estimate(anchorAnswers).Value,
        IrtFitness.Completion or IrtFitness.Neighbour => Completion.Estimate(anchorAnswers).Value,
        IrtFitness.Weighted => Irt.Estimate(anchorAnswers).Weighted.Value,
        _ => Irt.Estimate(anchorAnswers).GpIrt.Value,
    };
}
