using System.Diagnostics;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace EvoMerge.Evaluation.Tests.Onnx;

/// <summary>
/// Times candidates on the fixture and prints ms per candidate (see the test output with
/// <c>--logger "console;verbosity=detailed"</c>); asserts that alternating weights keep giving their own results.
/// </summary>
public sealed class OnnxOverheadTests(ITestOutputHelper output)
{
    private const int Candidates = 400;

    [Theory]
    [InlineData(40)]
    [InlineData(1)]
    public void Alternating_candidates_stay_correct_and_their_cost_is_reported(int rows)
    {
        var data = Fixture.Data().Select(new RowRange(0, rows - 1));
        using var evaluator = OnnxEvaluatorFactory.Create(o => o with { Data = data, IntraOpThreads = 1 });
        MergedModel[] models = [Fixture.WeightsA(), Fixture.WeightsB()];
        var expected = models.Select(m => evaluator.Evaluate(m, CancellationToken.None).PerExampleScores).ToArray();

        var perCandidate = new double[Candidates];
        for (var i = 0; i < Candidates; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = evaluator.Evaluate(models[i % 2], CancellationToken.None);
            perCandidate[i] = clock.Elapsed.TotalMilliseconds;
            Assert.Equal(expected[i % 2], result.PerExampleScores);
        }

        var plainRun = PlainRunMilliseconds(data);
        var median = Median(perCandidate);
        output.WriteLine($"rows={rows} candidates={Candidates} evaluate: median {median:F4} ms, mean {perCandidate.Average():F4} ms; " +
                         $"plain session run with stored weights: median {plainRun:F4} ms; overhead of binding + scoring: {median - plainRun:F4} ms");
    }

    /// <summary>The same rows through a bare session with the weights stored in the model (nothing overridden).</summary>
    private static double PlainRunMilliseconds(TaskData data)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(Fixture.Model, options);
        using var input = OrtValue.CreateTensorValueFromMemory(data.Features.ToArray(), [data.RowCount, data.FeatureCount]);
        using var runOptions = new RunOptions();
        var times = new double[Candidates];
        for (var i = 0; i < Candidates; i++)
        {
            var clock = Stopwatch.StartNew();
            using var outputs = session.Run(runOptions, ["input"], [input], ["logits"]);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        return Median(times);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
