using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Config;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Spaces.ParameterSpace;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests.Genomes;

/// <summary><c>merge.method: [a, b, ...]</c>: the merge method as a categorical gene, for the whole merge or per layer group (issue 14).</summary>
public sealed class MethodGeneTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    string Yaml(string method, string genomeExtra = "", bool oneExpert = false, bool noBase = false, string mergeExtra = "")
    {
        var yaml = File.ReadAllText(_fixture.Config(method: method, genomeExtra: genomeExtra));
        if (oneExpert) yaml = yaml.Replace("experts: [models/expert_a, models/expert_b]", "experts: [models/expert_a]", StringComparison.Ordinal);
        if (noBase) yaml = yaml.Replace("  base: models/base\n", "", StringComparison.Ordinal);
        return yaml.Replace($"  method: {method}\n", $"  method: {method}\n{mergeExtra}", StringComparison.Ordinal);
    }

    SearchConfig Parse(string yaml) => SearchConfigParser.Parse(yaml, _fixture.Folder, "test.yml", "test");

    IReadOnlyList<string> Problems(string yaml) => Assert.Throws<SearchConfigException>(() => Parse(yaml)).Problems;

    static ParameterSpaceSearch Space(SearchConfig config) => (ParameterSpaceSearch)SearchSpaces.Create(config);

    [Fact]
    public void A_method_list_adds_one_categorical_gene_first_and_genes_for_what_any_listed_method_varies()
    {
        var config = Parse(Yaml("[task_arithmetic, ties]"));
        using var space = Space(config);

        Assert.Equal(["weight", "density"], config.Genome.Parameters);
        Assert.Equal("method", space.GeneNames[0]);
        Assert.Equal(1 + 3 * 2 * 2, space.GeneNames.Count);
        Assert.Contains("layers_1-1.expert_b.density", space.GeneNames);
        var domains = space.GeneDomains();
        Assert.Equal(["task_arithmetic", "ties"], domains[0].Labels);
        Assert.Equal([0.25, 0.75], domains[0].Values);
        Assert.All(domains.Skip(1), d => Assert.False(d.IsDiscrete));
        Assert.Equal(0.25, space.Initial()[0]);
    }

    [Theory]
    [InlineData(0.0, "task_arithmetic")]
    [InlineData(0.33, "task_arithmetic")]
    [InlineData(0.34, "ties")]
    [InlineData(0.66, "ties")]
    [InlineData(0.67, "della")]
    [InlineData(1.0, "della")]
    [InlineData(1.7, "della")]
    [InlineData(-0.2, "task_arithmetic")]
    public void The_method_gene_picks_a_method_by_equal_width_bins(double gene, string expected)
    {
        using var space = Space(Parse(Yaml("[task_arithmetic, ties, della]")));
        var x = space.Initial();
        x[0] = gene;

        var recipe = space.RecipeOf(3, x);

        Assert.Equal(expected, recipe.MergeMethod);
        Assert.All(recipe.Slices!, s => Assert.Null(s.MergeMethod));
    }

    [Fact]
    public void Genes_the_chosen_method_ignores_leave_the_recipe_unchanged()
    {
        using var space = Space(Parse(Yaml("[task_arithmetic, ties]")));
        var x = space.Initial();
        var y = (double[])x.Clone();
        for (int i = 0; i < y.Length; i++)
            if (space.GeneNames[i].EndsWith(".density", StringComparison.Ordinal)) y[i] = 0.3;

        Assert.Equal(space.RecipeKey(7, x), space.RecipeKey(7, y));
        Assert.DoesNotContain("density", space.RecipeKey(7, x), StringComparison.Ordinal);

        x[0] = y[0] = 0.75; // ties reads the densities
        Assert.NotEqual(space.RecipeKey(7, x), space.RecipeKey(7, y));
    }

    [Fact]
    public void Method_per_group_gives_each_group_its_own_method_gene_and_slice_method()
    {
        var config = Parse(Yaml("[ties, task_arithmetic]", "  method_per_group: true\n"));
        using var space = Space(config);

        Assert.Equal(["layers_0-0.method", "layers_1-1.method", "layers_2-2.method"], space.GeneNames.Where(g => g.EndsWith("method", StringComparison.Ordinal)));
        Assert.Equal(0, space.GeneNames.ToList().IndexOf("layers_0-0.method"));
        Assert.Equal(5, space.GeneNames.ToList().IndexOf("layers_1-1.method"));
        var x = space.Initial();
        x[5] = 0.9;

        var recipe = space.RecipeOf(0, x);

        Assert.Equal("ties", recipe.MergeMethod);
        Assert.Equal([null, "task_arithmetic", null], recipe.Slices!.Select(s => s.MergeMethod));
        var yaml = MergeConfigWriter.ToYaml(recipe);
        Assert.Single(yaml.Split('\n'), l => l == "    merge_method: task_arithmetic");
        Assert.Equal([null, "task_arithmetic", null], MergeConfigParser.Parse(yaml, _fixture.Folder).Slices!.Select(s => s.MergeMethod));
    }

    [Fact]
    public void Each_group_is_merged_exactly_as_by_its_own_method()
    {
        using var space = Space(Parse(Yaml("[ties, task_arithmetic]", "  method_per_group: true\n")));
        var mixed = space.Initial();
        for (int i = 0; i < mixed.Length; i++)
            if (space.GeneNames[i].EndsWith(".density", StringComparison.Ordinal)) mixed[i] = 0.5;
        mixed[5] = 0.9;
        var allTies = (double[])mixed.Clone();
        allTies[5] = 0.1;
        var allTaskArithmetic = (double[])mixed.Clone();
        allTaskArithmetic[0] = allTaskArithmetic[10] = 0.9;

        using var m = space.Materialize(space.RecipeOf(1, mixed), CancellationToken.None);
        using var ties = space.Materialize(space.RecipeOf(1, allTies), CancellationToken.None);
        using var ta = space.Materialize(space.RecipeOf(1, allTaskArithmetic), CancellationToken.None);

        var layout = space.Genome.Layout;
        foreach (var suffix in layout.LayerSuffixes)
        {
            Assert.Equal(Bytes(ties, layout.LayerTensorName(0, suffix)), Bytes(m, layout.LayerTensorName(0, suffix)));
            Assert.Equal(Bytes(ta, layout.LayerTensorName(1, suffix)), Bytes(m, layout.LayerTensorName(1, suffix)));
            Assert.NotEqual(Bytes(ties, layout.LayerTensorName(1, suffix)), Bytes(m, layout.LayerTensorName(1, suffix)));
        }
    }

    [Fact]
    public void The_written_recipe_of_a_mixed_trial_merges_to_the_same_bytes_with_the_merge_command_path()
    {
        using var space = Space(Parse(Yaml("[linear, task_arithmetic]", "  method_per_group: true\n", mergeExtra: "  parameters: {lambda: 0.8}\n")));
        var x = space.Initial();
        // task_arithmetic in the outer groups, linear (which ignores the base) in the middle one.
        var names = space.GeneNames.ToList();
        x[names.IndexOf("layers_0-0.method")] = x[names.IndexOf("layers_2-2.method")] = 0.9;
        string folder = _fixture.PathOf("export-" + Guid.NewGuid().ToString("N"));

        space.WriteRecipe(folder, 4, x, "# test\n");
        var recipe = MergeConfigParser.ParseFile(Path.Combine(folder, "recipe.yml"), folder);
        string output = Path.Combine(folder, "model");
        var options = new Merging.Output.MergeJobOptions();
        Merging.Output.MergeJob.Run(Merging.Output.MergeJob.Prepare(recipe, output, options), output, options);

        Assert.Equal("task_arithmetic", recipe.MergeMethod);
        Assert.Equal([null, "linear", null], recipe.Slices!.Select(s => s.MergeMethod));
        Assert.Empty(recipe.Parameters.Values);
        Assert.True(recipe.Slices![0].Parameters.Values.ContainsKey("lambda"));
        Assert.False(recipe.Slices[1].Parameters.Values.ContainsKey("lambda"));
        using var inMemory = space.Materialize(space.RecipeOf(4, x), CancellationToken.None);
        using var written = MergedModel.ReadSafeTensors(output);
        Assert.Equal(inMemory.Tensors.Keys.Order(), written.Tensors.Keys.Order());
        foreach (var name in inMemory.Tensors.Keys) Assert.Equal(Bytes(inMemory, name), Bytes(written, name));
    }

    static byte[] Bytes(MergedModel model, string tensor) => model.Tensors[tensor].Bytes.ToArray();

    [Fact]
    public void A_method_that_cannot_merge_these_models_is_refused_naming_its_list_entry()
    {
        Assert.Contains("merge.method[1]: method 'slerp' takes exactly 2 models (the base counts), got 3; drop it from the list or change the models.",
            Problems(Yaml("[ties, slerp]")));
        Assert.Contains("merge.method[1]: method 'ties' needs models.base; drop it from the list or change the models.",
            Problems(Yaml("[linear, ties]", noBase: true)));
    }

    [Fact]
    public void Methods_that_fit_the_models_mix_with_and_without_the_base()
    {
        var config = Parse(Yaml("[slerp, ties, linear]", oneExpert: true));

        Assert.Equal(["slerp", "ties", "linear"], config.Merge.Methods);
        Assert.Equal(["weight", "density", "t"], config.Genome.Parameters);
        using var space = Space(config);
        using var tasks = TaskSuiteFactory.Create(config, Search.Tasks.TaskSplit.Fitness, Path.GetTempPath());
        Assert.Empty(space.Check(tasks));
    }

    [Theory]
    [InlineData("[ties]", "merge.method: a list makes the method a gene, so it needs at least two methods; write `method: ties` for one.")]
    [InlineData("[ties, ties]", "merge.method: 'ties' is listed twice.")]
    [InlineData("[]", "merge.method: the list is empty; name the methods the search chooses from (e.g. [ties, slerp]).")]
    public void A_malformed_method_list_is_refused(string method, string expected) =>
        Assert.Contains(expected, Problems(Yaml(method)));

    [Fact]
    public void Unknown_and_passthrough_entries_name_their_index()
    {
        var problems = Problems(Yaml("[ties, bogus, passthrough]"));

        Assert.Contains(problems, p => p.StartsWith("merge.method[1]: unknown method 'bogus'; valid: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("merge.method[2]: 'passthrough' stacks layers", StringComparison.Ordinal));
    }

    [Fact]
    public void Method_per_group_without_a_method_list_is_refused() =>
        Assert.Contains("genome.method_per_group: needs a list of methods under merge.method to choose from per layer group (got the single method 'ties').",
            Problems(Yaml("ties", "  method_per_group: true\n")));

    [Fact]
    public void A_gene_no_listed_method_varies_is_refused()
    {
        var problems = Problems(Yaml("[task_arithmetic, linear]", "  search: [weight, density]\n"));

        string problem = Assert.Single(problems);
        Assert.StartsWith("genome.search[1]: 'density' is accepted for mergekit compatibility but task_arithmetic never sparsifies", problem);
        Assert.EndsWith("(searchable for task_arithmetic or linear: weight, lambda).", problem);
    }

    [Fact]
    public void A_fixed_parameter_must_belong_to_some_listed_method()
    {
        var problems = Problems(Yaml("[task_arithmetic, ties]", mergeExtra: "  parameters: {t: 0.5}\n"));

        Assert.Contains(problems, p => p.StartsWith("merge.parameters.t: not a global parameter of 'task_arithmetic', 'ties'; valid: ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_resolved_config_keeps_the_list_and_method_per_group()
    {
        var config = Parse(Yaml("[ties, task_arithmetic]", "  method_per_group: true\n"));
        string yaml = SearchConfigWriter.ToYaml(config);

        Assert.Contains("  method: [ties, task_arithmetic]\n", yaml);
        Assert.Contains("  method_per_group: true\n", yaml);
        var again = SearchConfigParser.Parse(yaml, _fixture.Folder, "resolved.yml", "resolved");
        Assert.Equal(config.Merge.Methods, again.Merge.Methods);
        Assert.True(again.Genome.MethodPerGroup);
        Assert.Equal(SearchConfigWriter.SearchHash(config), SearchConfigWriter.SearchHash(again));
        Assert.NotEqual(SearchConfigWriter.SearchHash(config), SearchConfigWriter.SearchHash(Parse(Yaml("[ties, task_arithmetic]"))));
    }

    public void Dispose() => _fixture.Dispose();
}
