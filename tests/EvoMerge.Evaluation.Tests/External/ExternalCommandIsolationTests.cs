using System.Diagnostics;
using System.Globalization;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.External;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.External;

/// <summary>What a command cannot do to the run or the machine: inject code through paths, outlive its evaluation, leak its scratch.</summary>
public sealed class ExternalCommandIsolationTests : IDisposable
{
    private readonly TempFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private EvaluationResult Evaluate(ExternalCommandOptions options)
    {
        using var evaluator = new ExternalCommandEvaluator(options);
        return evaluator.Evaluate(TinyModel.Create(), CancellationToken.None);
    }

    [Theory]
    [InlineData("python eval.py '{model}'", "{model} is inside single quotes")]
    [InlineData("python eval.py \"{model}\"", "{model} is inside double quotes")]
    [InlineData("python eval.py {model} --out \"x/{output}\"", "{output} is inside double quotes")]
    public void A_placeholder_the_user_quoted_is_refused(string command, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new ExternalCommandEvaluator(ExternalEvaluatorFactory.Options(command, _scratch.Path)));

        Assert.Contains(expected, error.Message);
        Assert.Contains("without a shell", error.Message);
    }

    [Theory]
    [InlineData("python eval.py {model}")]
    [InlineData("python eval.py --name 'it''s' {model} \"a b\" \\'{output}")]
    public void Placeholders_outside_quotes_pass_the_check(string command)
    {
        Assert.Empty(CommandLineCheck.QuotedPlaceholders(command));
    }

    [Fact]
    public void The_list_form_hands_a_crafted_path_over_as_one_argument_without_a_shell()
    {
        using var crafted = new TempFolder("'; touch pwned; '$(touch pwned2)");
        var options = new ExternalCommandOptions
        {
            Arguments = ["/bin/sh", "-c", """test -f "$1/model.safetensors" && echo '{"accuracy": 1}'""", "sh", "{model}"],
            Metrics = ["accuracy"],
            Timeout = TimeSpan.FromSeconds(20),
            ScratchRoot = crafted.Path,
            WorkingDirectory = _scratch.Path,
        };

        var result = Evaluate(options);

        Assert.Equal(1.0, result.Metrics["accuracy"]);
        Assert.True(_scratch.IsEmpty, "no file may have been created by the path's text");
        Assert.True(crafted.IsEmpty);
    }

    [Fact]
    public void A_background_child_neither_delays_the_result_nor_survives_it()
    {
        using var work = new TempFolder();
        var pidFile = work.Combine("pid");

        // The sleeping child inherits stdout and would hold the pipe open for 300 s; waiting for it would also
        // run into the 120 s timeout, so the generous deadline fails first.
        var options = ExternalEvaluatorFactory.Options(
            $$"""echo {model} >/dev/null; sleep 300 & echo $! > '{{pidFile}}'; echo '{"accuracy": 0.5}'""", _scratch.Path);
        var result = Deadline.Within(TimeSpan.FromSeconds(60), () => Evaluate(options with { Timeout = TimeSpan.FromSeconds(120) }));

        Assert.Equal(0.5, result.Metrics["accuracy"]);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        Assert.True(WaitUntilGone(pid), $"the background sleep (pid {pid}) survived the evaluation");
    }

    [Fact]
    public void The_scratch_folder_is_private_to_its_owner()
    {
        var result = Evaluate(ExternalEvaluatorFactory.Options("""m=$(stat -c %a {model}/..); echo "{\"mode\": $m}" """, _scratch.Path, "mode"));

        Assert.Equal(700, result.Metrics["mode"]);
    }

    [Fact]
    public void Scratch_folders_of_dead_processes_are_deleted_when_an_evaluator_starts()
    {
        int deadPid;
        using (var gone = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!)
        {
            gone.WaitForExit();
            deadPid = gone.Id;
        }

        var host = Environment.MachineName;
        var stale = Scratch("evomerge-eval-stale", $"{deadPid} {DateTime.UtcNow.Ticks} {host}");
        var live = Scratch("evomerge-eval-live", $"{Environment.ProcessId} {Process.GetCurrentProcess().StartTime.ToUniversalTime().Ticks} {host}");
        var reused = Scratch("evomerge-eval-reused", $"{Environment.ProcessId} {DateTime.UtcNow.AddDays(-3).Ticks} {host}");
        var elsewhere = Scratch("evomerge-eval-elsewhere", $"{deadPid} {DateTime.UtcNow.Ticks} another-{host}");
        var unknown = Scratch("evomerge-eval-unknown", null);
        var notes = new List<string>();

        using var evaluator = new ExternalCommandEvaluator(ExternalEvaluatorFactory.Options("echo {model}", _scratch.Path) with { Log = notes.Add });

        Assert.False(Directory.Exists(stale), "a dead process's scratch must be deleted");
        Assert.False(Directory.Exists(reused), "a pid now held by a process started at another time is not the owner");
        Assert.True(Directory.Exists(live), "a running process's scratch must be kept");
        Assert.True(Directory.Exists(unknown), "a folder without an owner record is left alone");
        Assert.True(Directory.Exists(elsewhere), "a folder made on another machine is left alone");
        Assert.Equal(2, notes.Count(n => n.Contains("left by an evaluation", StringComparison.Ordinal)));
    }

    private string Scratch(string name, string? owner)
    {
        var folder = _scratch.Combine(name);
        Directory.CreateDirectory(Path.Combine(folder, "model"));
        File.WriteAllText(Path.Combine(folder, "model", "model.safetensors"), "weights");
        if (owner is not null)
        {
            File.WriteAllText(Path.Combine(folder, ".owner"), owner);
        }

        return folder;
    }

    private static bool WaitUntilGone(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30); // generous: a loaded machine may be slow to reap
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited)
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }
}
