using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.External;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.External;

public sealed class ExternalCommandFailureTests : IDisposable
{
    private readonly TempFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string FailureReason(string command, Func<ExternalCommandOptions, ExternalCommandOptions>? edit = null, params string[] metrics)
    {
        var options = ExternalEvaluatorFactory.Options(command, _scratch.Path, metrics);
        using var evaluator = new ExternalCommandEvaluator(edit is null ? options : edit(options));
        var failed = Assert.IsType<TrialEvaluation.Failed>(EvaluationGuard.Run(evaluator, TinyModel.Create(), CancellationToken.None));
        Assert.True(_scratch.IsEmpty, "the scratch folder must be deleted after a failure");
        return failed.Reason;
    }

    [Fact]
    public void A_command_running_past_its_timeout_is_killed_and_fails()
    {
        // Without the kill this would take 300 s; the deadline is generous for a loaded machine.
        var reason = Deadline.Within(TimeSpan.FromSeconds(60),
            () => FailureReason("echo {model} >/dev/null; echo started >&2; sleep 300", o => o with { Timeout = TimeSpan.FromSeconds(1) }));

        Assert.Contains("timed out after 1 s", reason);
        Assert.Contains("started", reason);
    }

    [Fact]
    public void A_timeout_kills_the_whole_process_tree()
    {
        using var work = new TempFolder();
        var pidFile = work.Combine("pid");

        FailureReason($"echo {{model}}; sleep 300 & echo $! > '{pidFile}'; wait", o => o with { Timeout = TimeSpan.FromSeconds(1) });

        var pid = int.Parse(File.ReadAllText(pidFile).Trim());
        var deadline = DateTime.UtcNow.AddSeconds(30); // generous: a loaded machine may be slow to reap
        while (IsRunning(pid) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.False(IsRunning(pid), $"the background sleep (pid {pid}) survived the timeout");
    }

    [Fact]
    public void A_non_zero_exit_fails_with_the_tail_of_stderr()
    {
        var reason = FailureReason("""echo {model}; echo '{"accuracy": 1}'; echo 'Traceback: boom' >&2; exit 3""");

        Assert.Contains("exited with code 3", reason);
        Assert.Contains("Traceback: boom", reason);
    }

    [Fact]
    public void Only_the_tail_of_a_long_stderr_goes_into_the_reason()
    {
        var reason = FailureReason("echo {model}; i=0; while [ $i -lt 3000 ]; do echo \"line $i\" >&2; i=$((i+1)); done; exit 1",
                                   o => o with { ReasonTailChars = 200 });

        Assert.Contains("line 2999", reason);
        Assert.DoesNotContain("line 10\n", reason);
        Assert.True(reason.Length < 400, $"reason has {reason.Length} characters");
    }

    [Theory]
    [InlineData("""echo '{"accuracy": }'""", "not valid JSON")]
    [InlineData("""echo '{"accuracy": NaN}'""", "NaN or Infinity")]
    [InlineData("""echo '{"accuracy": -Infinity}'""", "NaN or Infinity")]
    [InlineData("""echo '{"accuracy": "NaN"}'""", "metric 'accuracy' in the last JSON line of stdout is NaN, not a finite number")]
    [InlineData("""echo '{"accuracy": 1e999}'""", "not a finite number")]
    [InlineData("""echo '{"accuracy": "high"}'""", "is the string \"high\", not a number")]
    [InlineData("""echo '{"loss": 0.5}'""", "metric 'accuracy' is missing from the last JSON line of stdout (its keys: 'loss')")]
    [InlineData("""echo '{"accuracy": 0.5, "per_example": [1, "x"]}'""", "'per_example'[1]")]
    [InlineData("""echo '{"accuracy": 0.5, "per_example": 3}'""", "not an array")]
    [InlineData("echo 'no json here'", "printed no JSON object line")]
    [InlineData("""echo '{"accuracy": 0.5}' >/dev/null; echo partial > /dev/null""", "printed nothing")]
    public void Bad_metrics_fail_the_trial_with_a_reason(string command, string expected)
    {
        var reason = FailureReason("echo {model} >/dev/null; " + command);

        Assert.Contains(expected, reason);
    }

    [Fact]
    public void A_missing_metrics_file_fails_the_trial()
    {
        var reason = FailureReason("""echo {model} {output}; echo '{"accuracy": 1}'""");

        Assert.Contains("did not write its metrics file", reason);
    }

    [Fact]
    public void Per_example_scores_of_the_wrong_length_fail_the_trial()
    {
        var reason = FailureReason("""echo {model} >/dev/null; echo '{"accuracy": 0.5, "per_example": [1, 0]}'""",
                                   o => o with { ExpectedExampleCount = 3 });

        Assert.Contains("has 2 entries, expected 3", reason);
    }

    [Fact]
    public void A_data_file_that_disappears_stops_the_run()
    {
        using var work = new TempFolder();
        var data = work.Combine("rows.csv");
        File.WriteAllText(data, "x,label\n1,0\n");
        var options = ExternalEvaluatorFactory.Options("""test -f {data} && echo {model} && echo '{"accuracy": 1}'""", _scratch.Path) with { DataFile = data };
        using var evaluator = new ExternalCommandEvaluator(options);
        Assert.IsType<TrialEvaluation.Completed>(EvaluationGuard.Run(evaluator, TinyModel.Create(), CancellationToken.None));

        File.Delete(data);

        var error = Assert.Throws<FatalEvaluationException>(() => EvaluationGuard.Run(evaluator, TinyModel.Create(), CancellationToken.None));
        Assert.Contains("rows.csv not found", error.Message);
        Assert.True(_scratch.IsEmpty);
    }

    [Fact]
    public void Cancelling_kills_the_command_and_cleans_up()
    {
        var options = ExternalEvaluatorFactory.Options("echo {model}; sleep 300", _scratch.Path);
        using var evaluator = new ExternalCommandEvaluator(options);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // Without the kill this would take 300 s; the deadline is generous for a loaded machine.
        Deadline.Within(TimeSpan.FromSeconds(60),
            () => Assert.ThrowsAny<OperationCanceledException>(() => EvaluationGuard.Run(evaluator, TinyModel.Create(), cancel.Token)));

        Assert.True(_scratch.IsEmpty);
    }

    [Theory]
    [InlineData("echo hello", "must contain {model}")]
    [InlineData("cat {data} {model}", "no DataFile")]
    public void Invalid_options_are_refused(string command, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new ExternalCommandEvaluator(ExternalEvaluatorFactory.Options(command, _scratch.Path)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Missing_folders_are_fatal_at_construction()
    {
        var options = ExternalEvaluatorFactory.Options("echo {model}", _scratch.Path) with { BaseModelFolder = _scratch.Combine("absent") };

        var error = Assert.Throws<FatalEvaluationException>(() => new ExternalCommandEvaluator(options));

        Assert.Contains("absent not found", error.Message);
    }

    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        // A zombie (state Z) has exited and only waits to be reaped.
        var text = File.ReadAllText(stat);
        return text[(text.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
    }
}
