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
    /// are enough, the calibration is fitted from the journal and the other trials are scored on the anchors
    /// alone. Which trials calibrate depends only on the journal, so a resume picks the same ones.
    /// </summary>
    void DispatchWithIrt(IrtSpec spec, IReadOnlyList<TrialRequest> pending, int generation, Dictionary<long, TrialOutcome> outcomes,
                         IProgress<SearchProgress>? progress, CancellationToken ct)
    {
        int next = 0;
        while (next < pending.Count)
        {
            var calibration = CalibrationAnswers();
            if (calibration.Count < spec.Calibration)
            {
                var full = pending.Skip(next).Take(spec.Calibration - calibration.Count).ToList();
                next += full.Count;
                Dispatch(full, generation, outcomes, progress, ct, keepScores: true);
                continue;
            }
            _irt ??= IrtCalibration.Fit(_setup.Config.Tasks, [.. _setup.Fitness.Tasks.Select(t => t.Examples)], [.. calibration.Take(spec.Calibration)],
                                        spec, _setup.Config.Seed);
            var anchored = pending.Skip(next).Select(r => r with { Anchors = _irt.Anchors }).ToList();
            next = pending.Count;
            DispatchAnchored(_irt, anchored, generation, outcomes, progress, ct);
        }
    }

    /// <summary>The per-example scores of the trials that completed in full (only those journal them in an IRT run), in trial order.</summary>
    List<IReadOnlyList<double>> CalibrationAnswers() =>
        [.. State().Trials.Where(t => t.Completion?.PerExampleScores is not null).OrderBy(t => t.TrialId).Select(t => t.Completion!.PerExampleScores!)];

    void DispatchAnchored(IrtCalibration irt, IReadOnlyList<TrialRequest> requests, int generation, Dictionary<long, TrialOutcome> outcomes,
                          IProgress<SearchProgress>? progress, CancellationToken ct)
    {
        if (requests.Count == 0) return;
        var asking = requests.Select(r => r.TrialId).ToHashSet();
        foreach (var result in _dispatcher.EvaluateAsync(requests, ct).ToBlockingEnumerable(ct))
        {
            if (!asking.Contains(result.TrialId) || outcomes.ContainsKey(result.TrialId)) continue;
            var estimated = result;
            if (result.Succeeded)
                estimated = result.PerExampleScores is { } scores && scores.Length == irt.AnchorCount
                    ? result with { Metrics = irt.EstimatedMetrics(scores), PerExampleScores = null }
                    : result with { Metrics = null, FailureReason = $"the tasks gave {result.PerExampleScores?.Length ?? 0} per-example scores on the {irt.AnchorCount} anchors; estimator: irt needs one per anchor" };
            outcomes[result.TrialId] = Record(estimated, generation, examples: irt.AnchorCount);
            Timings.CountTrial();
            progress?.Report(Progress(generation, replaying: false));
        }
    }
}
