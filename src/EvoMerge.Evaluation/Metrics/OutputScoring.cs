using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Metrics;

/// <summary>
/// The metrics a classifier-style evaluator reports (by registry name) and which of them gives the per-example
/// scores: turns a model's row-major outputs into the metric means and that per-example vector. Shared by every
/// evaluator that scores rows of outputs against labels (ONNX, the built-in classifier).
/// </summary>
public sealed class OutputScoring
{
    readonly IMetric[] _metrics;
    readonly int _scoreMetric;

    /// <param name="metrics">Registry names; checked by <see cref="Validate"/>.</param>
    /// <param name="scoreMetric">The metric whose per-example scores are returned; null: the first.</param>
    public OutputScoring(IReadOnlyList<string> metrics, string? scoreMetric)
    {
        Validate(metrics, scoreMetric);
        _metrics = metrics.Select(MetricRegistry.Get).ToArray();
        _scoreMetric = scoreMetric is null ? 0 : metrics.ToList().IndexOf(scoreMetric);
    }

    public IReadOnlyList<IMetric> Metrics => _metrics;

    /// <summary>At least one metric, none twice, and the score metric among them.</summary>
    public static void Validate(IReadOnlyList<string>? metrics, string? scoreMetric)
    {
        if (metrics is null || metrics.Count == 0)
        {
            throw new ArgumentException("name at least one metric.", "Metrics");
        }

        if (metrics.Distinct(StringComparer.Ordinal).Count() != metrics.Count)
        {
            throw new ArgumentException($"a metric is listed twice: {string.Join(", ", metrics)}.", "Metrics");
        }

        if (scoreMetric is not null && !metrics.Contains(scoreMetric, StringComparer.Ordinal))
        {
            throw new ArgumentException($"ScoreMetric '{scoreMetric}' is not among the metrics ({string.Join(", ", metrics)}).", "ScoreMetric");
        }
    }

    /// <summary>Checks every metric against the model's output width and the data's labels.</summary>
    public void CheckCompatible(int outputWidth, TaskData data)
    {
        foreach (var metric in _metrics)
        {
            metric.CheckCompatible(outputWidth, data);
        }
    }

    /// <summary>Scores <paramref name="outputs"/> (row-major, <paramref name="outputWidth"/> per row) against one label per row.</summary>
    public EvaluationResult Score(ReadOnlySpan<float> outputs, int outputWidth, ReadOnlySpan<double> labels)
    {
        int rows = labels.Length;
        var scores = _metrics.Select(_ => new double[rows]).ToArray();
        for (var row = 0; row < rows; row++)
        {
            var rowOutputs = outputs.Slice(row * outputWidth, outputWidth);
            for (var m = 0; m < _metrics.Length; m++)
            {
                scores[m][row] = _metrics[m].Score(rowOutputs, labels[row]);
            }
        }

        var means = new Dictionary<string, double>(_metrics.Length, StringComparer.Ordinal);
        for (var m = 0; m < _metrics.Length; m++)
        {
            means[_metrics[m].Name] = scores[m].Average();
        }

        return new EvaluationResult(means, scores[_scoreMetric]);
    }
}
