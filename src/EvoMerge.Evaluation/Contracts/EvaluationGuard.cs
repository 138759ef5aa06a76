using System.Diagnostics;
using System.Globalization;

namespace EvoMerge.Evaluation.Contracts;

/// <summary>
/// Runs one evaluation and turns whatever goes wrong with this candidate into a failed trial with its reason,
/// so the run goes on. Only <see cref="FatalEvaluationException"/> (every later evaluation would fail too) and
/// cancellation of <c>ct</c> (the run is stopping) pass through.
/// </summary>
public static class EvaluationGuard
{
    public static TrialEvaluation Run(IEvaluator evaluator, MergedModel model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(model);
        return Run(evaluator.Name, () => evaluator.Evaluate(model, ct), ct);
    }

    /// <summary>The same guard around any evaluation (e.g. scoring a model view rather than merged tensors).</summary>
    public static TrialEvaluation Run(string evaluatorName, Func<EvaluationResult> evaluate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        var clock = Stopwatch.StartNew();
        EvaluationResult? result;
        try
        {
            result = evaluate();
        }
        catch (FatalEvaluationException)
        {
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (EvaluationFailedException e)
        {
            return new TrialEvaluation.Failed(e.Reason, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e)
        {
            return new TrialEvaluation.Failed($"{evaluatorName}: {e.GetType().Name}: {e.Message}", clock.Elapsed.TotalSeconds);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var problem = ResultProblem(evaluatorName, result);
        return problem is null
            ? new TrialEvaluation.Completed(result!.Metrics, result.PerExampleScores, seconds)
            : new TrialEvaluation.Failed(problem, seconds);
    }

    /// <summary>Why a returned result cannot count as a completed trial, or null when it can.</summary>
    private static string? ResultProblem(string evaluator, EvaluationResult? result)
    {
        if (result?.Metrics is not { } metrics)
        {
            return $"{evaluator}: returned no result.";
        }

        if (metrics.Count == 0)
        {
            return $"{evaluator}: returned no metrics.";
        }

        foreach (var (name, value) in metrics)
        {
            if (!double.IsFinite(value))
            {
                return $"{evaluator}: metric '{name}' is {value.ToString(CultureInfo.InvariantCulture)}, not a finite number.";
            }
        }

        var scores = result.PerExampleScores;
        var bad = scores is null ? -1 : Array.FindIndex(scores, s => !double.IsFinite(s));
        return bad >= 0 ? $"{evaluator}: per-example score {bad} is {scores![bad].ToString(CultureInfo.InvariantCulture)}, not a finite number." : null;
    }
}
