using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// The best single SLERP of the two experts: t on an evenly spaced grid over [0, 1] (10,000 points,
/// one forward pass each), chosen by training accuracy (the first best on ties), test accuracy
/// reported. It does not improve with more passes, so its curve is flat.
/// </summary>
public sealed class BruteForceSlerpMethod(int gridPoints = 10_000) : IDigitsMethod
{
    public string Name => "brute_force_slerp";
    public DigitsPanel Panel => DigitsPanel.Pretrained;

    public IReadOnlyList<CurvePoint> Run(DigitsRun run, long passes, long recordEvery)
    {
        if (gridPoints < 2) throw new InvalidOperationException($"A SLERP grid needs at least 2 points (got {gridPoints}).");
        if (run.InitialModels.Count != 2) throw new InvalidOperationException("Brute-force SLERP needs exactly two models.");
        var (a, b) = (run.InitialModels[0], run.InitialModels[1]);
        var merged = new double[a.Length];
        var best = new double[a.Length];
        double bestTrain = double.NegativeInfinity;
        for (int i = 0; i < gridPoints; i++)
        {
            double t = (double)i / (gridPoints - 1);
            SplitPointSlerp.Cross(a, b, t, a.Length, merged);
            double train = run.Classifier.Accuracy(merged, run.Data.Train);
            if (train > bestTrain) (bestTrain, best) = (train, (double[])merged.Clone());
        }
        double test = run.TestAccuracy(best);
        return RecordSchedule.Points(passes, recordEvery).Select(p => new CurvePoint(p, test)).ToList();
    }
}
