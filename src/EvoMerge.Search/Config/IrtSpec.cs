namespace EvoMerge.Search.Config;

/// <summary>
/// <c>fitness: {estimator: irt, anchors, calibration}</c>: the first <see cref="Calibration"/> completed trials
/// are scored on every fitness example; a 2PL IRT model is fitted per task on their answers, <see cref="Anchors"/>
/// examples per task are chosen by clustering, and every later trial is scored on the anchors alone and gets
/// the gp-IRT estimate of its full-set accuracy (IrtCalibration in Running/).
/// </summary>
public sealed record IrtSpec(int Anchors = 100, int Calibration = 32)
{
    public const string EstimatorName = "irt";
}
