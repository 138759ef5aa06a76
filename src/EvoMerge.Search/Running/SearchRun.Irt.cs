using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Search.Config;
using EvoMerge.Search.Objectives;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

public sealed partial class SearchRun
{
    IrtCalibration? _irt;

    /// <summary>
    /// <c>estimator: irt</c>: while fewer than <see cref="IrtSpec.Calibration"/> trials have completed in full, the
    /// next pending trials (in asked order) are scored on every example and their answers journaled; once there
    /// are enough, the calibration is fitted from the journal and the other trials are scored on their anchors
    /// alone. With <see cref="IrtSpec.Recalibrate"/>, the first trials of every chosen later generation are scored in
    /// full as well and the calibration is fitted again with them (fully scored trials of this generation and earlier).
    /// Which trials are scored in full depends only on the journal and the asked order, so a resume picks the same ones.
    /// </summary>
    void DispatchWithIrt(IrtSpec spec, IReadOnlyList<Candidate> asked, IReadOnlyList<TrialRequest> pending, int generation,
                         Dictionary<long, TrialOutcome> outcomes, IProgress<SearchProgress>? progress, CancellationToken ct)
    {
        int next = 0;
        while (next < pending.Count)
        {
            var calibration = CalibrationTrials(generation);
            if (calibration.Count < spec.Calibration)
            {
                var full = pending.Skip(next).Take(spec.Calibration - calibration.Count).ToList();
                next += full.Count;
                Dispatch(full, generation, outcomes, progress, ct, keepScores: true);
                continue;
            }
            var rest = pending.Skip(next).ToList();
            next = pending.Count;
            var recalibrated = Recalibrated(spec, asked, rest, generation, calibration);
            if (recalibrated.Count > 0)
            {
                Dispatch(recalibrated, generation, outcomes, progress, ct, keepScores: true);
                rest = [.. rest.Where(r => !recalibrated.Contains(r))];
                calibration = CalibrationTrials(generation);
            }
            // Without recalibration only the first Calibration trials count, however many full ones the journal holds.
            int used = spec.Recalibrate is null ? spec.Calibration : calibration.Count;
            if (_irt is null || _irt.Count != used)
                _irt = IrtCalibration.Fit(_setup.Config.Tasks, [.. _setup.Fitness.Tasks.Select(t => t.Examples)],
                                          [.. calibration.Take(used).Select(t => (t.Genes, t.Completion!.PerExampleScores!))], spec, _setup.Config.Seed, _setup.Space.Bounds);
            DispatchAnchored(_irt, rest, generation, outcomes, progress, ct);
        }
    }

    /// <summary>
    /// The pending trials to score in full for <see cref="IrtSpec.Recalibrate"/>: in a generation whose number is a
    /// multiple of <see cref="RecalibrateSpec.EveryGenerations"/>, the first <see cref="RecalibrateSpec.Count"/> of the
    /// asked trials, unless the calibration itself took trials of this generation (it is then fresh anyway).
    /// </summary>
    List<TrialRequest> Recalibrated(IrtSpec spec, IReadOnlyList<Candidate> asked, List<TrialRequest> rest, int generation, List<Runs.Storage.State.TrialRecord> calibration)
    {
        if (spec.Recalibrate is not { } recalibrate || generation % recalibrate.EveryGenerations != 0) return [];
        if (calibration.Take(spec.Calibration).Any(t => t.Generation == generation)) return [];
        var first = asked.Take(recalibrate.Count).Select(c => c.Id).ToHashSet();
        return [.. rest.Where(r => first.Contains(r.TrialId))];
    }

    /// <summary>The trials that completed in full with their answers journaled (only those in an IRT run), of this generation and earlier, in trial order.</summary>
    List<Runs.Storage.State.TrialRecord> CalibrationTrials(int generation) =>
        [.. State().Trials.Where(t => t.Completion?.PerExampleScores is not null && t.Generation <= generation).OrderBy(t => t.TrialId)];

    void DispatchAnchored(IrtCalibration irt, IReadOnlyList<TrialRequest> pending, int generation, Dictionary<long, TrialOutcome> outcomes,
                          IProgress<SearchProgress>? progress, CancellationToken ct)
    {
        if (pending.Count == 0) return;
        var plans = pending.ToDictionary(r => r.TrialId, r => irt.PlanFor(r.TrialId, r.Genes));
        var requests = pending.Select(r => r with { Anchors = plans[r.TrialId].Anchors }).ToList();
        foreach (var result in _dispatcher.EvaluateAsync(requests, ct).ToBlockingEnumerable(ct))
        {
            if (!plans.TryGetValue(result.TrialId, out var plan) || outcomes.ContainsKey(result.TrialId)) continue;
            var estimated = result;
            if (result.Succeeded)
                estimated = result.PerExampleScores is { } scores && scores.Length == plan.AnchorCount
                    ? result with { Metrics = plan.EstimatedMetrics(scores), PerExampleScores = null }
                    : result with { Metrics = null, FailureReason = $"the tasks gave {result.PerExampleScores?.Length ?? 0} per-example scores on the {plan.AnchorCount} anchors; estimator: irt needs one per anchor" };
            outcomes[result.TrialId] = Record(estimated, generation, examples: plan.AnchorCount);
            Timings.CountTrial();
            progress?.Report(Progress(generation, replaying: false));
        }
    }
}
