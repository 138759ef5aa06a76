using EvoMerge.Merging.Methods;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>Genes exist only for parameters the configured merge method can vary (issue 14).</summary>
public sealed class SearchableGenesTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    SearchConfig Parse(string configPath) => SearchConfigParser.ParseFile(configPath, _fixture.Folder);

    IReadOnlyList<string> Problems(string configPath) =>
        Assert.Throws<SearchConfigException>(() => Parse(configPath)).Problems;

    [Fact]
    public void A_density_gene_for_task_arithmetic_is_refused_naming_the_entry_and_the_valid_ones()
    {
        var problems = Problems(_fixture.Config(method: "task_arithmetic", genomeExtra: "  search: [weight, density]\n"));

        string problem = Assert.Single(problems);
        Assert.StartsWith("genome.search[1]: 'density' is accepted for mergekit compatibility but task_arithmetic never sparsifies", problem);
        Assert.EndsWith("(searchable for task_arithmetic: weight, lambda).", problem);
    }

    [Fact]
    public void An_unknown_search_entry_names_its_index_and_what_the_method_takes()
    {
        var problems = Problems(_fixture.Config(method: "multislerp", genomeExtra: "  search: [weight, density]\n"));

        Assert.Equal(["genome.search[1]: 'density' is not a parameter of multislerp; it takes: weight."], problems);
    }

    [Fact]
    public void A_solver_setting_is_not_a_gene()
    {
        var problems = Problems(_fixture.Config(method: "multislerp", genomeExtra: "  search: [weight, eps]\n  bounds: {eps: [1e-9, 1e-6]}\n"));

        Assert.Equal(["genome.search[1]: 'eps' only tunes multislerp's numerics, not the merge; set it under merge.parameters instead (searchable for multislerp: weight)."], problems);
    }

    [Fact]
    public void A_flag_is_not_a_gene()
    {
        var problems = Problems(_fixture.Config(method: "ties", genomeExtra: "  search: [weight, normalize]\n"));

        Assert.Equal(["genome.search[1]: 'normalize' is a flag; set it under merge.parameters instead (searchable for ties: weight, density, lambda)."], problems);
    }

    [Theory]
    [InlineData("task_arithmetic", new[] { "weight" })]
    [InlineData("ties", new[] { "weight", "density" })]
    [InlineData("della", new[] { "weight", "density" })]
    [InlineData("slerp", new[] { "t" })]
    [InlineData("multislerp", new[] { "weight" })]
    [InlineData("consensus_ta", new[] { "weight" })]
    [InlineData("lines", new[] { "weight" })]
    public void The_default_search_holds_only_parameters_the_method_varies(string method, string[] expected)
    {
        var yaml = File.ReadAllText(_fixture.Config(method: method));
        if (method == "slerp") yaml = yaml.Replace("experts: [models/expert_a, models/expert_b]", "experts: [models/expert_a]", StringComparison.Ordinal);
        var config = SearchConfigParser.Parse(yaml, _fixture.Folder, "test.yml", "test");

        Assert.Equal(expected, config.Genome.Parameters);
        var registered = MergeMethodRegistry.Get(method);
        Assert.All(config.Genome.Parameters, p => Assert.Null(SearchableParameters.WhyNot(registered, SearchableParameters.All(registered).Single(s => s.Name == p))));
    }

    [Theory]
    [InlineData("karcher", "takes only max_iter, tol, which a search cannot vary")]
    [InlineData("arcee_fusion", "takes no parameters at all")]
    public void A_method_with_nothing_to_vary_is_refused_with_the_reason(string method, string reason)
    {
        var problems = Problems(_fixture.Config(method: method));

        Assert.Contains(problems, p => p.StartsWith($"merge.method: '{method}' {reason}, so every candidate would be the same merge", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_registered_method_is_either_searchable_or_refused_with_a_reason()
    {
        foreach (var method in MergeMethodRegistry.All)
        {
            bool searchable = SearchableParameters.Of(method).Count > 0 && method.Name != "passthrough";
            string? reason = SearchableParameters.WhyMethodCannotBeSearched(method);
            Assert.Equal(searchable, reason is null);
            if (!searchable) Assert.False(string.IsNullOrWhiteSpace(reason));
        }
    }

    [Theory]
    [InlineData("multislerp", "", "expert_a.weight")]
    [InlineData("sce", "  search: [select_topk]\n  bounds: {select_topk: [0.2, 1]}\n", "select_topk")]
    [InlineData("nearswap", "", "t")]
    public void A_tiny_search_with_a_newly_added_method_completes(string method, string genome, string geneSuffix)
    {
        var yaml = File.ReadAllText(_fixture.Config("cmaes", evaluations: 10, method: method, genomeExtra: genome));
        // nearswap and arcee_fusion take the base and exactly one other model.
        if (method == "nearswap") yaml = yaml.Replace("experts: [models/expert_a, models/expert_b]", "experts: [models/expert_a]", StringComparison.Ordinal);
        var config = SearchConfigParser.Parse(yaml, _fixture.Folder, "test.yml", "test");
        string folder = _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));

        using (var run = SearchRun.Start(config, folder, new SearchRunOptions { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero }))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        Assert.Contains($"layers_0-0.{geneSuffix},", lines[0]);
        Assert.Equal(10, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",completed,", l));
        Assert.Contains($"merge_method: {method}", File.ReadAllText(Path.Combine(folder, "best", "weighted_sum", "recipe.yml")));
    }

    public void Dispose() => _fixture.Dispose();
}
