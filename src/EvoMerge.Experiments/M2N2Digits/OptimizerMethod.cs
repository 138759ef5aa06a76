using System.Diagnostics;
using EvoMerge.Core.Optimization;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// Any ask/tell optimizer as a method of the figure. Each candidate is one forward pass over the
/// 1437 training images; its outcome carries objective -accuracy and the per-example 0/1 scores.
/// When <paramref name="firstBatchIsSeeds"/> the first batch (the starting models) is evaluated
/// without counting, as the reference evaluates its two seeds before its pass loop.
/// </summary>
public sealed class OptimizerMethod(
    string name,
    DigitsPanel panel,
    Func<DigitsRun, IAskTellOptimizer> create,
    Func<IAskTellOptimizer, double[]?> representative,
    bool firstBatchIsSeeds) : IDigitsMethod
{
    const long ProgressEvery = 10_000;

    public string Name { get; } = name;
    public DigitsPanel Panel { get; } = panel;

    public IReadOnlyList<CurvePoint> Run(DigitsRun run, long passes, long recordEvery)
    {
        var optimizer = create(run);
        if (optimizer.Dimension != run.Architecture.ParameterCount)
            throw new InvalidOperationException($"{Name}: optimizer has {optimizer.Dimension} genes, the network {run.Architecture.ParameterCount}.");
        var schedule = RecordSchedule.Points(passes, recordEvery);
        var points = new List<CurvePoint>(schedule.Count);
        int next = 0;
        if (firstBatchIsSeeds) optimizer.Tell(optimizer.Ask().Select(c => Evaluate(run, c)).ToList());

        long done = 0;
        var clock = Stopwatch.StartNew();
        RecordDue(run, optimizer, schedule, points, ref next, done);
        while (done < passes)
        {
            if (optimizer.Stop() is { Count: > 0 } reasons)
            {
                run.Log.WriteLine($"  {Name} run {run.Index}: optimizer stopped ({string.Join(", ", reasons)}) at {done} passes; the curve stays flat from here.");
                break;
            }
            var batch = optimizer.Ask();
            var outcomes = new List<TrialOutcome>(batch.Count);
            foreach (var candidate in batch)
            {
                outcomes.Add(Evaluate(run, candidate));
                if (++done % ProgressEvery == 0)
                    run.Log.WriteLine($"  {Name} run {run.Index}: {done} passes, {clock.Elapsed.TotalSeconds:F1} s");
            }
            optimizer.Tell(outcomes);
            RecordDue(run, optimizer, schedule, points, ref next, done);
        }
        // After an early stop the remaining points repeat the last value.
        while (next < schedule.Count) points.Add(new CurvePoint(schedule[next++], points[^1].TestAccuracy));
        return points;
    }

    void RecordDue(DigitsRun run, IAskTellOptimizer optimizer, IReadOnlyList<long> schedule, List<CurvePoint> points, ref int next, long done)
    {
        if (next >= schedule.Count || schedule[next] > done) return;
        // Before its first evaluation an optimizer has no best yet: it stands at the starting model.
        double accuracy = run.TestAccuracy(representative(optimizer) ?? run.InitialModels[0]);
        while (next < schedule.Count && schedule[next] <= done) points.Add(new CurvePoint(schedule[next++], accuracy));
    }

    static TrialOutcome Evaluate(DigitsRun run, Candidate candidate)
    {
        var correct = new double[run.Data.Train.Count];
        double accuracy = run.Classifier.Score(candidate.Genes, run.Data.Train, correct);
        return TrialOutcome.Success(candidate.Id, [-accuracy], correct);
    }
}
