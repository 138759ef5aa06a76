using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Tasks.Command;
using EvoMerge.Search.Tasks.Language;
using EvoMerge.Search.Tasks.Onnx;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests.Tasks;

/// <summary>Evaluator kinds as descriptors: names from the registry, fields owned by their kind, settings written back unchanged.</summary>
public sealed class TaskKindRegistryTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    /// <summary>One task of each kind besides the fixture's two classifier tasks (own objectives, so random search takes them).</summary>
    string EveryKind()
    {
        File.WriteAllText(_fixture.PathOf("model.onnx"), "not read before the run");
        File.WriteAllText(_fixture.PathOf("lm.jsonl"), "{\"prompt\": \"1+1=\", \"answer\": \"2\"}\n");
        return "  - {name: o, evaluator: onnx, model: model.onnx, data: fit_a.csv, metrics: [accuracy, neg_log_loss], objective: own}\n" +
               "  - {name: c, evaluator: command, command: [sh, x.sh, \"{model}\"], metric: score, objective: own, timeout: 90s}\n" +
               "  - {name: l, evaluator: language, data: lm.jsonl, kind: generation, metric: exact_match, objective: own, stop: [\"\\n\"], limit: 4, dtype: float32}\n";
    }

    SearchConfig Parse(string extraTask, string optimizer = "random") =>
        SearchConfigParser.ParseFile(_fixture.Config(optimizer, twoObjectives: true, extraTask: extraTask, population: 3), _fixture.Folder);

    [Fact]
    public void An_unknown_evaluator_is_an_error_listing_the_registered_kinds()
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse("  - {name: x, evaluator: oracle, data: fit_a.csv, metric: accuracy, objective: own}\n"));

        Assert.Contains($"tasks[2].evaluator: unknown evaluator 'oracle'; valid: {string.Join(", ", TaskKindRegistry.Names)}.", error.Problems);
        Assert.Equal(["classifier", "onnx", "command", "language"], TaskKindRegistry.Names);
    }

    [Theory]
    [InlineData("timeout: 5s", "tasks[2].timeout: only for evaluator command.")]
    [InlineData("model: fit_b.csv", "tasks[2].model: only for evaluator onnx.")]
    [InlineData("kind: generation", "tasks[2].kind: only for evaluator language.")]
    public void A_field_of_another_kind_is_refused_naming_the_kind_it_belongs_to(string field, string expected)
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse($"  - {{name: x, evaluator: classifier, data: fit_a.csv, metric: accuracy, objective: own, {field}}}\n"));

        Assert.Contains(expected, error.Problems);
    }

    [Fact]
    public void Each_kind_reads_its_own_settings()
    {
        var config = Parse(EveryKind());

        Assert.Equal(_fixture.PathOf("model.onnx"), config.Tasks.Single(t => t.Name == "o").SettingsAs<OnnxTaskSettings>().Model);
        var command = config.Tasks.Single(t => t.Name == "c").SettingsAs<CommandTaskSettings>();
        Assert.Equal(["sh", "x.sh", "{model}"], command.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(90), command.Timeout);
        var language = config.Tasks.Single(t => t.Name == "l").SettingsAs<LanguageTaskSpec>();
        Assert.Equal(("generation", 4, "\n"), (language.Kind, language.Limit, language.StopStrings.Single()));
    }

    /// <summary>
    /// The tasks part of the canonical config, pinned as the writer before the descriptors wrote it: config hashes
    /// of earlier runs stay valid (config_hash_version 1) only while this text is unchanged.
    /// </summary>
    [Fact]
    public void The_canonical_tasks_text_is_the_one_earlier_runs_were_hashed_with()
    {
        var config = Parse(EveryKind());

        string yaml = SearchConfigWriter.SearchRelevantYaml(config).Replace(_fixture.Folder, "F", StringComparison.Ordinal);
        string tasks = yaml[yaml.IndexOf("tasks:\n", StringComparison.Ordinal)..];

        Assert.Equal(
            "tasks:\n" +
            "  - name: 'a'\n    evaluator: classifier\n    data: 'F/fit_a.csv'\n    test_data: 'F/test_a.csv'\n    label: 'label'\n    metric: 'accuracy'\n    objective: own\n" +
            "  - name: 'b'\n    evaluator: classifier\n    data: 'F/fit_b.csv'\n    test_data: 'F/test_b.csv'\n    label: 'label'\n    metric: 'accuracy'\n    objective: own\n" +
            "  - name: 'o'\n    evaluator: onnx\n    data: 'F/fit_a.csv'\n    label: 'label'\n    metric: 'accuracy'\n    objective: own\n    model: 'F/model.onnx'\n    metrics: ['accuracy', 'neg_log_loss']\n" +
            "  - name: 'c'\n    evaluator: command\n    label: 'label'\n    metric: 'score'\n    objective: own\n    command: ['sh', 'x.sh', '{model}']\n    timeout: 90s\n" +
            "  - name: 'l'\n    evaluator: language\n    data: 'F/lm.jsonl'\n    label: 'label'\n    metric: 'exact_match'\n    objective: own\n    kind: generation\n    template: '{prompt}'\n" +
            "    few_shot: 0\n    extraction: last_number\n    normalization: none\n    max_new_tokens: 64\n    stop: [\"\\n\"]\n    limit: 4\n    batch_size: 8\n    dtype: float32\n",
            tasks);
    }

    [Fact]
    public void Every_kind_s_settings_are_written_back_and_read_the_same()
    {
        var config = Parse(EveryKind());

        var back = SearchConfigParser.Parse(SearchConfigWriter.ToYaml(config), _fixture.Folder, "config.yml", "tiny");

        Assert.Equal(SearchConfigWriter.ToYaml(config), SearchConfigWriter.ToYaml(back));
        foreach (var (before, after) in config.Tasks.Zip(back.Tasks))
        {
            Assert.Same(before.Kind, after.Kind);
            Assert.Equal(before.Kind.Write(before.Settings), after.Kind.Write(after.Settings));
        }
    }

    [Fact]
    public void An_optimizer_that_needs_per_example_scores_refuses_kinds_without_them()
    {
        var error = Assert.Throws<SearchConfigException>(() =>
            SearchConfigParser.ParseFile(_fixture.Config("m2n2", extraTask: "  - {name: c, evaluator: command, command: \"sh x.sh {model}\", metric: accuracy}\n"), _fixture.Folder));

        Assert.Contains(error.Problems, p => p.StartsWith("optimizer.name: m2n2 needs per-example scores, which command evaluators do not return; use classifier, onnx or language tasks.", StringComparison.Ordinal));
        Assert.All(TaskKindRegistry.Kinds.Where(k => k.Name != "command"), k => Assert.True(k.Capabilities.PerExampleScores, k.Name));
    }

    public void Dispose() => _fixture.Dispose();
}
