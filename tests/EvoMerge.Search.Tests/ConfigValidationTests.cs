using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

public sealed class ConfigValidationTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    SearchConfig Parse(string yaml) => SearchConfigParser.Parse(yaml, _fixture.Folder, "test.yml", "test");

    [Fact]
    public void A_valid_config_gets_its_defaults()
    {
        var config = SearchConfigParser.ParseFile(_fixture.Config("cmaes", method: "ties"), _fixture.Folder);

        Assert.Equal(["weight", "density"], config.Genome.Parameters);
        Assert.Equal(new GeneRange(0, 1), config.Genome.Bounds["weight"]);
        Assert.Equal(new GeneRange(0.1, 1), config.Genome.Bounds["density"]);
        Assert.Equal("expert_a", config.Models.Experts[0].Name);
        Assert.Equal(_fixture.PathOf("models/base"), config.Models.Base!.Path);
        Assert.Equal(TaskRole.WeightedSum, config.Tasks[0].Role);
        Assert.Equal("cpu", config.Device);
    }

    [Fact]
    public void An_org_name_model_resolves_to_the_local_hugging_face_cache()
    {
        string hub = _fixture.PathOf("hf-hub");
        string snapshot = Path.Combine(hub, "models--acme--expert-c", "snapshots", "abc123");
        Directory.CreateDirectory(snapshot);
        foreach (var file in Directory.GetFiles(_fixture.PathOf("models/expert_b")))
            File.Copy(file, Path.Combine(snapshot, Path.GetFileName(file)));
        Directory.CreateDirectory(Path.Combine(hub, "models--acme--expert-c", "refs"));
        File.WriteAllText(Path.Combine(hub, "models--acme--expert-c", "refs", "main"), "abc123");
        var cache = new Models.HuggingFace.HubCache(name => name == "HF_HUB_CACHE" ? hub : null);
        string yaml = File.ReadAllText(_fixture.Config("cmaes")).Replace("models/expert_b]", "acme/expert-c]", StringComparison.Ordinal);

        var config = SearchConfigParser.Parse(yaml, _fixture.Folder, "test.yml", "test", cache);
        Assert.Equal(snapshot, config.Models.Experts[1].Path);
        Assert.Equal("expert-c", config.Models.Experts[1].Name);

        var missing = Assert.Throws<SearchConfigException>(() => SearchConfigParser.Parse(yaml.Replace("acme/expert-c]", "acme/absent]", StringComparison.Ordinal), _fixture.Folder, "test.yml", "test", cache));
        Assert.Contains(missing.Problems, p => p.StartsWith("models.experts[1]: acme/absent: not a local path and not in the Hugging Face cache", StringComparison.Ordinal));
    }

    [Fact]
    public void An_output_folder_that_cannot_hold_run_folders_is_a_config_problem()
    {
        string file = _fixture.PathOf("not-a-folder");
        File.WriteAllText(file, "x");
        string yaml = File.ReadAllText(_fixture.Config("cmaes"));

        var onFile = Assert.Throws<SearchConfigException>(() => Parse($"output: {file}\n{yaml}"));
        Assert.Contains(onFile.Problems, p => p.StartsWith($"output: '{file}' is a file", StringComparison.Ordinal));
        var underFile = Assert.Throws<SearchConfigException>(() => Parse($"output: {file}/runs\n{yaml}"));
        Assert.Contains(underFile.Problems, p => p.StartsWith($"output: '{file}' is a file, so", StringComparison.Ordinal));
        Assert.Equal(_fixture.PathOf("new/runs"), Parse($"output: {_fixture.PathOf("new/runs")}\n{yaml}").Output);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_field()
    {
        const string yaml = """
            seed: -1
            colour: blue
            models:
              base: models/nowhere
              experts: [models/expert_a, {path: models/expert_b, name: "b.x"}]
            merge:
              method: tie
            genome:
              layer_granularity: 0
              bounds: {weight: [1, 0]}
            optimizer: {name: cmaes, sigma0: -1}
            budget: {}
            tasks:
              - {name: a, evaluator: classifier, data: missing.csv, metric: acc}
              - {name: b, evaluator: oracle, metric: accuracy}
              - {name: a, evaluator: classifier, data: fit_a.csv, metric: accuracy}
            """;

        var error = Assert.Throws<SearchConfigException>(() => Parse(yaml));

        string[] expected =
        [
            "seed:", "colour: unknown field", "models.base:", "models.experts[1].name:", "merge.method: unknown method 'tie'",
            "genome.layer_granularity:", "optimizer.sigma0:", "budget: give evaluations", "tasks[0].data:", "tasks[0].metric: unknown metric 'acc'",
            "tasks[1].evaluator: unknown evaluator 'oracle'", "tasks: the name 'a' is used 2 times",
        ];
        foreach (var fragment in expected)
            Assert.True(error.Problems.Any(p => p.Contains(fragment, StringComparison.Ordinal)), $"'{fragment}' not in:\n{error.Message}");
        Assert.Contains("test.yml", error.Message);
    }

    [Fact]
    public void Bounds_outside_a_parameters_range_and_negative_weights_are_explained()
    {
        string yaml = File.ReadAllText(_fixture.Config("cmaes", method: "ties"))
            .Replace("genome:\n  layer_granularity: 1\n", "genome:\n  layer_granularity: 1\n  bounds: {weight: [-1, 1], density: [0, 1.5]}\n");

        var error = Assert.Throws<SearchConfigException>(() => Parse(yaml));

        Assert.Contains(error.Problems, p => p.StartsWith("genome.bounds.weight:") && p.Contains("negative_weights"));
        Assert.Contains(error.Problems, p => p.StartsWith("genome.bounds.density:"));
    }

    [Theory]
    [InlineData(1_000_000_000L)]
    [InlineData(100_000_000_000L)]
    public void A_population_too_large_for_memory_is_refused_before_the_run_folder_is_made(long population)
    {
        string yaml = File.ReadAllText(_fixture.Config("ga")).Replace("optimizer:\n  name: ga\n", $"optimizer:\n  name: ga\n  population: {population}\n");
        string runFolder = _fixture.PathOf("run-too-large");

        var error = Assert.Throws<SearchConfigException>(() =>
        {
            var config = Parse(yaml);
            using var run = Running.SearchRun.Start(config, runFolder);
        });

        Assert.Contains("optimizer.population", error.Message);
        Assert.False(Directory.Exists(runFolder));
    }

    [Fact]
    public void A_single_objective_optimizer_with_two_objectives_is_refused()
    {
        var error = Assert.Throws<SearchConfigException>(() => SearchConfigParser.ParseFile(_fixture.Config("cmaes", twoObjectives: true), _fixture.Folder));

        Assert.Contains(error.Problems, p => p.StartsWith("optimizer.name:") && p.Contains("nsga2"));
    }

    [Fact]
    public void The_search_hash_ignores_budget_device_and_output_but_not_the_experiment()
    {
        var config = SearchConfigParser.ParseFile(_fixture.Config("cmaes"), _fixture.Folder);
        string hash = SearchConfigWriter.SearchHash(config);

        Assert.Equal(hash, SearchConfigWriter.SearchHash(config with { Budget = new BudgetSpec(999, TimeSpan.FromHours(1)), Device = "cuda", Output = "/elsewhere" }));
        Assert.NotEqual(hash, SearchConfigWriter.SearchHash(config with { Seed = 6 }));
        Assert.NotEqual(hash, SearchConfigWriter.SearchHash(config with { Optimizer = config.Optimizer with { Population = 9 } }));
    }

    [Fact]
    public void The_resolved_yaml_parses_back_to_the_same_config()
    {
        var config = SearchConfigParser.ParseFile(_fixture.Config("nsga2", twoObjectives: true, method: "ties"), _fixture.Folder);

        var back = Parse(SearchConfigWriter.ToYaml(config));

        Assert.Equal(SearchConfigWriter.ToYaml(config), SearchConfigWriter.ToYaml(back));
        Assert.Equal(SearchConfigWriter.SearchHash(config), SearchConfigWriter.SearchHash(back));
    }

    public void Dispose() => _fixture.Dispose();
}
