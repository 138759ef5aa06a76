using EvoMerge.Core.Optimization;
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
/// clustering its item parameters (<see cref="AnchorSelection"/>) and that estimate of <see cref="AnchorEstimator"/>.
/// Those anchors are shared by every trial. With <c>completion</c> (uniform anchors, the completed answer vector,
/// <see cref="AnswerCompletionEstimator"/>) and <c>neighbour</c> (anchors around a local linear prediction from the
/// nearest calibration trials' genes, <see cref="NeighbourEstimator"/>) each trial gets anchors of its own, drawn
/// from the run seed, the task name and the trial id, so one unlucky draw does not bias a whole run. The neighbour
/// estimator reads genes in the unit box of the genome's bounds, as its distances and ridge assume. Built from
/// journaled answers and genes alone, so a resumed run rebuilds the very same calibration and anchors.
/// </summary>
internal sealed class IrtCalibration
{
    // Keeps the anchor draw apart from the fitness subset's, which uses the same run seed and task name.
    const ulong AnchorStream = SeedMix.GoldenGamma;

    readonly IReadOnlyList<TaskSpec> _tasks;
    readonly IrtSpec _spec;
    readonly ulong _runSeed;
    readonly IrtTrialPlan? _shared;
    readonly double[][][] _responses;
    readonly NeighbourEstimator?[] _neighbours;
    readonly Bounds _bounds;

    IrtCalibration(IReadOnlyList<TaskSpec> tasks, IrtSpec spec, ulong runSeed, double[][][] responses, double[][] genes, Bounds bounds)
    {
        _bounds = bounds;
        _tasks = tasks;
        _spec = spec;
        _runSeed = runSeed;
        _responses = responses;
        Count = genes.Length;
        _neighbours = new NeighbourEstimator?[tasks.Count];
        if (spec.Estimate == AnchorEstimate.Neighbour)
        {
            double[][] unitGenes = [.. genes.Select(bounds.ToUnitBox)];
            for (int t = 0; t < tasks.Count; t++) _neighbours[t] = new NeighbourEstimator(unitGenes, responses[t]);
        }
        if (spec.Estimate is AnchorEstimate.Difference or AnchorEstimate.GpIrt or AnchorEstimate.Weighted) _shared = SharedPlan();
    }

    /// <summary>Calibration trials it was fitted on.</summary>
    public int Count { get; }

    /// <summary>The trials.csv column of a task's estimate's standard error: <c>task.&lt;task&gt;.&lt;metric&gt;_stderr</c>.</summary>
    public static string StandardErrorColumn(TaskSpec task) => TaskColumns.Metric(task.Name, task.Metric + "_stderr");

    /// <param name="calibration">Each calibration trial's genes and per-example scores over all tasks (config order), in trial order.</param>
    /// <param name="bounds">The genome's bounds, which scale genes for the neighbour estimator.</param>
    public static IrtCalibration Fit(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<int> taskExamples,
                                     IReadOnlyList<(IReadOnlyList<double> Genes, IReadOnlyList<double> Scores)> calibration, IrtSpec spec, ulong runSeed, Bounds bounds)
    {
        int total = taskExamples.Sum();
        foreach (var (_, row) in calibration)
            if (row.Count != total)
                throw new InvalidOperationException($"a calibration trial has {row.Count} per-example scores; the fitness tasks have {total} examples.");
        var responses = new double[tasks.Count][][];
        int offset = 0;
        for (int t = 0; t < tasks.Count; t++)
        {
            int n = taskExamples[t], start = offset;
            responses[t] = [.. calibration.Select(c => c.Scores.Skip(start).Take(n).ToArray())];
            offset += n;
        }
        return new IrtCalibration(tasks, spec, runSeed, responses, [.. calibration.Select(c => c.Genes.ToArray())], bounds);
    }

    /// <summary>The anchors and estimators of one trial: shared by every trial, or drawn for this one.</summary>
    public IrtTrialPlan PlanFor(long trialId, IReadOnlyList<double> genes)
    {
        if (_shared is not null) return _shared;
        var anchors = new int[_tasks.Count][];
        var estimators = new Func<IReadOnlyList<double>, AccuracyEstimate>[_tasks.Count];
        for (int t = 0; t < _tasks.Count; t++)
        {
            var rng = new Rng(SeedMix.Finalize(TaskSeed(t) ^ (ulong)trialId * SeedMix.GoldenGamma));
            int k = Math.Min(_spec.Anchors, _responses[t][0].Length);
            if (_neighbours[t] is { } neighbour)
            {
                var sample = neighbour.Draw(_bounds.ToUnitBox(genes), k, rng);
                anchors[t] = sample.Items;
                estimators[t] = sample.Estimate;
            }
            else
            {
                // FixedSubset.Take gives the anchors ascending, as a trial request carries them.
                var completion = new AnswerCompletionEstimator(FixedSubset.Draw(_responses[t][0].Length, rng).Take(k), _responses[t]);
                anchors[t] = completion.Anchors;
                estimators[t] = completion.Estimate;
            }
        }
        return new IrtTrialPlan(_tasks, anchors, estimators);
    }

    ulong TaskSeed(int task) => FitnessSubset.SeedFor(_runSeed, _tasks[task].Name) ^ AnchorStream;

    IrtTrialPlan SharedPlan()
    {
        var anchors = new int[_tasks.Count][];
        var estimators = new Func<IReadOnlyList<double>, AccuracyEstimate>[_tasks.Count];
        for (int t = 0; t < _tasks.Count; t++)
        {
            var responses = _responses[t];
            var rng = new Rng(TaskSeed(t));
            int k = Math.Min(_spec.Anchors, responses[0].Length);
            if (_spec.Estimate == AnchorEstimate.Difference)
            {
                var difference = new ReferenceDifferenceEstimator(ResponseAnchorSelection.Select(responses, k, rng), responses);
                anchors[t] = difference.Anchors.Items;
                estimators[t] = difference.Estimate;
            }
            else
            {
                var model = IrtFitter.Fit(responses);
                var irt = new AnchorEstimator(model, AnchorSelection.Select(model, k, rng), responses);
                anchors[t] = irt.Anchors.Items;
                estimators[t] = _spec.Estimate == AnchorEstimate.Weighted ? answers => irt.Estimate(answers).Weighted : answers => irt.Estimate(answers).GpIrt;
            }
        }
        return new IrtTrialPlan(_tasks, anchors, estimators);
    }
}
