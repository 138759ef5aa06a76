using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;
using EvoMerge.Fitness.Subsets;
using EvoMerge.Search.Config;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Running;

/// <summary>
/// <c>fitness: {estimator: irt}</c> after calibration, per task: with <c>anchor_estimate: difference</c> (the
/// default), anchors chosen by clustering the calibration trials' answers (<see cref="ResponseAnchorSelection"/>)
/// and the difference from a reference mixed from those trials (<see cref="ReferenceDifferenceEstimator"/>);
/// with <c>gp_irt</c> or <c>weighted</c>, a 2PL model fitted on the answers (<see cref="IrtFitter"/>), anchors by
/// clustering its item parameters (<see cref="AnchorSelection"/>) and that estimate of <see cref="AnchorEstimator"/>;
/// with <c>completion</c>, uniform random anchors and the completed answer vector (<see cref="AnswerCompletionEstimator"/>).
/// Anchor draws are seeded from the run seed and the task name. Built from journaled answers alone, so a
/// resumed run rebuilds the very same calibration.
/// </summary>
internal sealed class IrtCalibration
{
    // Keeps the anchor draw apart from the fitness subset's, which uses the same run seed and task name.
    const ulong AnchorStream = SeedMix.GoldenGamma;

    readonly IReadOnlyList<TaskSpec> _tasks;
    readonly Func<IReadOnlyList<double>, AccuracyEstimate>[] _estimators;

    IrtCalibration(IReadOnlyList<TaskSpec> tasks, int[][] anchors, Func<IReadOnlyList<double>, AccuracyEstimate>[] estimators)
    {
        _tasks = tasks;
        _estimators = estimators;
        Anchors = anchors;
        AnchorCount = Anchors.Sum(a => a.Length);
    }

    /// <summary>Per task (config order), the anchor examples: ascending indices into its fitness examples.</summary>
    public int[][] Anchors { get; }

    public int AnchorCount { get; }

    /// <summary>The trials.csv column of a task's estimate's standard error: <c>task.&lt;task&gt;.&lt;metric&gt;_stderr</c>.</summary>
    public static string StandardErrorColumn(TaskSpec task) => TaskColumns.Metric(task.Name, task.Metric + "_stderr");

    /// <param name="calibration">Each calibration trial's per-example scores over all tasks (config order), in trial order.</param>
    public static IrtCalibration Fit(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<int> taskExamples, IReadOnlyList<IReadOnlyList<double>> calibration, IrtSpec spec, ulong runSeed)
    {
        int total = taskExamples.Sum();
        foreach (var row in calibration)
            if (row.Count != total)
                throw new InvalidOperationException($"a calibration trial has {row.Count} per-example scores; the fitness tasks have {total} examples.");
        var estimators = new Func<IReadOnlyList<double>, AccuracyEstimate>[tasks.Count];
        var anchors = new int[tasks.Count][];
        int offset = 0;
        for (int t = 0; t < tasks.Count; t++)
        {
            int n = taskExamples[t];
            double[][] responses = [.. calibration.Select(row => row.Skip(offset).Take(n).ToArray())];
            var rng = new Rng(FitnessSubset.SeedFor(runSeed, tasks[t].Name) ^ AnchorStream);
            int k = Math.Min(spec.Anchors, n);
            if (spec.Estimate == AnchorEstimate.Difference)
            {
                var difference = new ReferenceDifferenceEstimator(ResponseAnchorSelection.Select(responses, k, rng), responses);
                anchors[t] = difference.Anchors.Items;
                estimators[t] = difference.Estimate;
            }
            else if (spec.Estimate == AnchorEstimate.Completion)
            {
                var completion = new AnswerCompletionEstimator(FixedSubset.Draw(n, rng).Take(k), responses);
                anchors[t] = completion.Anchors;
                estimators[t] = completion.Estimate;
            }
            else
            {
                var model = IrtFitter.Fit(responses);
                var irt = new AnchorEstimator(model, AnchorSelection.Select(model, k, rng), responses);
                anchors[t] = irt.Anchors.Items;
                estimators[t] = spec.Estimate == AnchorEstimate.Weighted ? answers => irt.Estimate(answers).Weighted : answers => irt.Estimate(answers).GpIrt;
            }
            offset += n;
        }
        return new IrtCalibration(tasks, anchors, estimators);
    }

    /// <summary>
    /// The metric columns of a trial scored on the anchors (<paramref name="anchorScores"/>: every task's anchor
    /// answers, config order): each task's metric is its estimate (<see cref="IrtSpec.Estimate"/>), with the standard error beside it.
    /// </summary>
    public Dictionary<string, double> EstimatedMetrics(IReadOnlyList<double> anchorScores)
    {
        if (anchorScores.Count != AnchorCount)
            throw new ArgumentException($"got {anchorScores.Count} anchor scores for {AnchorCount} anchors.", nameof(anchorScores));
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        int offset = 0;
        for (int t = 0; t < _tasks.Count; t++)
        {
            int k = Anchors[t].Length;
            var estimate = _estimators[t]([.. anchorScores.Skip(offset).Take(k)]);
            metrics[TaskColumns.Metric(_tasks[t].Name, _tasks[t].Metric)] = estimate.Value;
            metrics[StandardErrorColumn(_tasks[t])] = estimate.StandardError;
            offset += k;
        }
        return metrics;
    }
}
