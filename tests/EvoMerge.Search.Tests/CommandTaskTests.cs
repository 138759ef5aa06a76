using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Export;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tasks.Command;
using EvoMerge.Search.Tests.Support;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests;

/// <summary>Command tasks in a search config: safe placeholders, the list form, and test data through {data}.</summary>
public sealed class CommandTaskTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    SearchConfig Parse(string commandTask) =>
        SearchConfigParser.ParseFile(_fixture.Config("random", evaluations: 3, twoObjectives: true, extraTask: commandTask, population: 3), _fixture.Folder);

    [Theory]
    [InlineData("python eval.py '{model}'", "{model} is inside single quotes")]
    [InlineData("python eval.py --out=\\\"{output}\\\" {model}", "{output} is inside double quotes")]
    [InlineData("sh -c 'python eval.py {model}'", "{model} is inside single quotes")]
    public void A_placeholder_inside_quotes_is_refused_at_validation(string command, string expected)
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse($"  - {{name: ext, evaluator: command, command: \"{command}\", metric: score, objective: own}}\n"));

        var problem = Assert.Single(error.Problems, p => p.StartsWith("tasks[2].command:", StringComparison.Ordinal));
        Assert.Contains(expected, problem);
        Assert.Contains("command: [python, eval.py, \"{", problem);
    }

    [Fact]
    public void The_list_form_is_read_and_written_back()
    {
        var config = Parse("  - {name: ext, evaluator: command, command: [python3, eval.py, \"{model}\", \"--tag='x'\"], metric: score, objective: own}\n");

        var task = config.Tasks.Single(t => t.Name == "ext");
        Assert.Null(task.SettingsAs<CommandTaskSettings>().Line);
        Assert.Equal(["python3", "eval.py", "{model}", "--tag='x'"], task.SettingsAs<CommandTaskSettings>().Arguments);
        var written = SearchConfigWriter.ToYaml(config);
        var reread = SearchConfigParser.Parse(written, _fixture.Folder, "config.yml", "tiny");
        Assert.Equal(task.SettingsAs<CommandTaskSettings>().Arguments, reread.Tasks.Single(t => t.Name == "ext").SettingsAs<CommandTaskSettings>().Arguments);
    }

    [Fact]
    public void Test_data_for_a_command_needs_the_data_placeholder()
    {
        var error = Assert.Throws<SearchConfigException>(() =>
            Parse("  - {name: ext, evaluator: command, command: \"sh x.sh {model}\", data: fit_a.csv, test_data: test_a.csv, metric: score, objective: own}\n"));

        Assert.Contains(error.Problems, p => p.StartsWith("tasks[2].test_data:", StringComparison.Ordinal) && p.Contains("{data}"));
    }

    [Fact]
    public void A_command_task_with_test_data_gets_test_scores_from_the_test_file()
    {
        // The score is the number of lines of the data file the command was given: 41 for fit_a.csv, 31 for test_a.csv.
        string script = _fixture.PathOf("count.sh");
        File.WriteAllText(script, "test -f \"$1/model.safetensors\" || exit 2\necho \"{\\\"score\\\": $(wc -l < \"$2\")}\"\n");
        var config = Parse($"  - {{name: ext, evaluator: command, command: [sh, {script}, \"{{model}}\", \"{{data}}\"], data: fit_a.csv, test_data: test_a.csv, metric: score, objective: own}}\n");
        using var run = SearchRun.Start(config, _fixture.PathOf("run"), new SearchRunOptions { CommitInterval = TimeSpan.Zero });

        run.Run();
        TestEvaluation.Write(run.AsFinished());

        int fitLines = File.ReadAllLines(_fixture.PathOf("fit_a.csv")).Length;
        int testLines = File.ReadAllLines(_fixture.PathOf("test_a.csv")).Length;
        Assert.NotEqual(fitLines, testLines);
        Assert.All(run.Snapshot().Trials, t => Assert.Equal(fitLines, t.Completion!.Metrics["task.ext.score"]));
        var csv = File.ReadAllLines(_fixture.PathOf("run/test.csv"));
        int column = Array.IndexOf(csv[0].Split(','), "task.ext.score");
        Assert.True(column > 0, csv[0]);
        Assert.All(csv.Skip(1), row => Assert.Equal(testLines.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Split(',')[column]));
    }

    [Fact]
    public void A_command_runs_with_the_environment_its_evaluator_was_opened_with()
    {
        // A farm slot opens its evaluator with its GPU in CUDA_VISIBLE_DEVICES; the command reports what it saw.
        string script = _fixture.PathOf("device.sh");
        File.WriteAllText(script, "echo \"{\\\"score\\\": ${CUDA_VISIBLE_DEVICES:-7}}\"\n");
        var config = Parse($"  - {{name: ext, evaluator: command, command: [sh, {script}, \"{{model}}\"], metric: score, objective: own}}\n");
        var request = (TrialEvaluator evaluator) => new TrialRequest("run-x", evaluator.ConfigHash, 0, 0, evaluator.Space.Initial(), 1);

        using (var slot = TrialEvaluator.Open(config, _fixture.Folder, null, new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = "3" }))
            Assert.Equal(3, slot.Evaluate(request(slot), null, CancellationToken.None).Metrics!["task.ext.score"]);
        using (var plain = TrialEvaluator.Open(config, _fixture.Folder, null))
            Assert.Equal(7, plain.Evaluate(request(plain), null, CancellationToken.None).Metrics!["task.ext.score"]);
    }

    [Fact]
    public void Preparing_a_trial_writes_its_command_files_so_scoring_only_runs_the_command()
    {
        // A farm slot prepares its next trial while the current one is scored: the files are written then.
        string script = _fixture.PathOf("exists.sh");
        File.WriteAllText(script, "test -f \"$1/model.safetensors\" || exit 2\necho '{\"score\": 1}'\n");
        var config = Parse($"  - {{name: ext, evaluator: command, command: [sh, {script}, \"{{model}}\"], metric: score, objective: own}}\n");
        string scratch = Directory.CreateDirectory(_fixture.PathOf("scratch")).FullName;
        using var slot = TrialEvaluator.Open(config, scratch, null);
        var staged = () => Directory.EnumerateDirectories(scratch, "evomerge-eval-*").ToList();

        using (var prepared = slot.Prepare(new TrialRequest("run-x", slot.ConfigHash, 0, 0, slot.Space.Initial(), 1), null, CancellationToken.None))
        {
            var folder = Assert.Single(staged());
            Assert.True(File.Exists(Path.Combine(folder, "model", "model.safetensors")));
            Assert.Equal(1, prepared.Score(null, CancellationToken.None).Metrics!["task.ext.score"]);
        }
        Assert.Empty(staged());
    }

    [Fact]
    public void A_problem_found_while_preparing_a_command_trial_comes_out_when_it_is_scored()
    {
        // Staging early must not move an error: a missing data file still stops the run when the trial is scored.
        string script = _fixture.PathOf("data.sh");
        File.WriteAllText(script, "echo '{\"score\": 1}'\n");
        string data = _fixture.PathOf("gone.csv");
        File.Copy(_fixture.PathOf("fit_a.csv"), data);
        var config = Parse($"  - {{name: ext, evaluator: command, command: [sh, {script}, \"{{model}}\", \"{{data}}\"], data: gone.csv, metric: score, objective: own}}\n");
        using var slot = TrialEvaluator.Open(config, _fixture.Folder, null);
        File.Delete(data);

        using var prepared = slot.Prepare(new TrialRequest("run-x", slot.ConfigHash, 0, 0, slot.Space.Initial(), 1), null, CancellationToken.None);
        var error = Assert.Throws<EvoMerge.Evaluation.Contracts.FatalEvaluationException>(() => prepared.Score(null, CancellationToken.None));
        Assert.Contains("gone.csv", error.Message);
    }

    public void Dispose() => _fixture.Dispose();
}
