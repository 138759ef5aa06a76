using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Spaces.DataFlow;
using EvoMerge.Search.Spaces.ParameterSpace;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests.Spaces;

/// <summary>Genome kinds as descriptors: names from the registry, fields owned by their kind, the section written back by the kind.</summary>
public sealed class GenomeKindRegistryTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    SearchConfig Parse(string genomeExtra) =>
        SearchConfigParser.ParseFile(_fixture.Config("cmaes", genomeExtra: genomeExtra), _fixture.Folder);

    /// <summary>A data-flow config over the fixture's experts, scored by a language task (no merge section).</summary>
    string DataFlowYaml(string genome)
    {
        File.WriteAllText(_fixture.PathOf("lm.jsonl"), "{\"prompt\": \"1+1=\", \"answer\": \"2\"}\n");
        return "seed: 3\nmodels: {experts: [models/expert_a, models/expert_b]}\n" +
               $"genome: {{kind: data_flow, {genome}}}\noptimizer: {{name: cmaes}}\nbudget: {{evaluations: 8}}\n" +
               "tasks:\n  - {name: l, evaluator: language, data: lm.jsonl, kind: generation, metric: exact_match, dtype: float32}\n";
    }

    [Fact]
    public void An_unknown_kind_is_an_error_listing_the_registered_kinds()
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse("  kind: tree\n"));

        Assert.Contains("genome.kind: 'tree' is not supported by search runs; use parameter_space or data_flow (flat parameter vectors run in `experiment m2n2-digits`).", error.Problems);
        Assert.Equal([ParameterSpaceGenomeKind.KindName, DataFlowGenomeKind.KindName], GenomeKindRegistry.Names);
        Assert.Equal("unknown genome kind 'tree'; valid: parameter_space, data_flow.", Assert.Throws<ArgumentException>(() => GenomeKindRegistry.Get("tree")).Message);
    }

    [Fact]
    public void An_unknown_kind_still_has_the_default_kinds_fields_checked()
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse("  kind: tree\n  filters: [fc, fc]\n"));

        Assert.Contains("genome.filters: 'fc' is listed twice.", error.Problems);
    }

    [Theory]
    [InlineData("  repeats: 2\n", "genome.repeats: not used by kind: parameter_space (only by data_flow).")]
    [InlineData("  head: expert_a\n", "genome.head: not used by kind: parameter_space (only by data_flow).")]
    public void A_field_of_another_kind_is_refused_naming_the_kind_it_belongs_to(string field, string expected)
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse(field));

        Assert.Contains(expected, error.Problems);
    }

    [Fact]
    public void A_genome_without_kind_is_the_default_kind()
    {
        var config = Parse("");

        Assert.Equal(GenomeKindRegistry.Default.Name, config.Genome.Kind);
        Assert.Equal(ParameterSpaceGenomeKind.KindName, config.Genome.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  filters: [fc]\n  negative_weights: true\n  non_layer_genes: false\n")]
    public void The_parameter_space_section_reads_back_as_written(string genome)
    {
        var config = Parse(genome);

        AssertReadsBackAsWritten(config);
    }

    [Fact]
    public void The_data_flow_section_reads_back_as_written_and_leaves_the_merge_out()
    {
        var config = SearchConfigParser.Parse(DataFlowYaml("repeats: 2, scale_bounds: [0.5, 1.5], head: expert_b, max_path_length: 7"), _fixture.Folder, "dfs.yml", "dfs");

        Assert.Equal((2, 0.5, 1.5, "expert_b", 7), (config.Genome.Repeats, config.Genome.ScaleBounds.Min, config.Genome.ScaleBounds.Max, config.Genome.Head, config.Genome.MaxPathLength));
        Assert.DoesNotContain("merge:", SearchConfigWriter.SearchRelevantYaml(config));
        AssertReadsBackAsWritten(config);
    }

    [Fact]
    public void Each_kinds_section_is_the_kinds_own_lines_under_genome()
    {
        var config = Parse("  filters: [fc]\n");
        var kind = GenomeKindRegistry.Get(config.Genome.Kind);
        string section = "genome:\n  kind: parameter_space\n" + string.Concat(kind.Write(config.Genome).Select(l => $"  {l}\n"));

        Assert.Contains(section, SearchConfigWriter.SearchRelevantYaml(config));
        Assert.Contains("\n  filters: ['fc']\n", section);
    }

    /// <summary>The written config parses to the same genome and the same hash.</summary>
    void AssertReadsBackAsWritten(SearchConfig config)
    {
        string written = SearchConfigWriter.ToYaml(config);
        var again = SearchConfigParser.Parse(written, _fixture.Folder, "resolved.yml", config.Name);

        Assert.Equal(SearchConfigWriter.SearchRelevantYaml(config), SearchConfigWriter.SearchRelevantYaml(again));
        Assert.Equal((config.Genome.Kind, config.Genome.LayerGranularity, config.Genome.NegativeWeights, config.Genome.NonLayerGenes, config.Genome.Repeats, config.Genome.Head),
                     (again.Genome.Kind, again.Genome.LayerGranularity, again.Genome.NegativeWeights, again.Genome.NonLayerGenes, again.Genome.Repeats, again.Genome.Head));
        Assert.Equal(config.Genome.Filters, again.Genome.Filters);
        Assert.Equal(config.Genome.Parameters, again.Genome.Parameters);
    }

    public void Dispose() => _fixture.Dispose();
}
