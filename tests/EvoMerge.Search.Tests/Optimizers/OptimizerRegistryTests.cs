using EvoMerge.Core.Optimization;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests.Optimizers;

public sealed class OptimizerRegistryTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    SearchConfig ParseWith(string optimizerYaml)
    {
        string yaml = File.ReadAllText(_fixture.Config("cmaes"));
        yaml = yaml.Replace("optimizer:\n  name: cmaes\n", optimizerYaml);
        return SearchConfigParser.Parse(yaml, _fixture.Folder, "opt.yml", "opt");
    }

    sealed class TwoSeeds : ISourceSeeds
    {
        public IReadOnlyList<double[]> Seeds() => [[0, 1, 0.5], [1, 0, 0.5]];

        public int[] SegmentStarts() => [0, 2];
    }

    [Fact]
    public void An_unknown_optimizer_is_an_error_listing_every_registered_one()
    {
        var error = Assert.Throws<SearchConfigException>(() => ParseWith("optimizer:\n  name: hill-climb\n"));

        Assert.Contains(error.Problems, p => p.StartsWith("optimizer.name: unknown optimizer 'hill-climb'; valid: " + string.Join(", ", OptimizerRegistry.Names), StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => OptimizerRegistry.Get("hill-climb"));
    }

    [Theory]
    [InlineData("ga", "sigma0: 0.3", "optimizer.sigma0: unknown field; valid: name, population.")]
    [InlineData("cmaes", "mutation_sigma: 0.1", "optimizer.mutation_sigma: unknown field; valid: name, population, sigma0.")]
    [InlineData("m2n2", "sigma0: 0.3", "optimizer.sigma0: unknown field; valid: name, population, mutation_sigma, batch_size.")]
    [InlineData("cmaes", "margin: 0.1", "optimizer.margin: unknown field; valid: name, population, sigma0.")]
    [InlineData("cmawm", "mutation_sigma: 0.1", "optimizer.mutation_sigma: unknown field; valid: name, population, sigma0, margin.")]
    public void A_setting_the_optimizer_does_not_take_is_an_error_naming_its_own(string name, string setting, string expected)
    {
        var error = Assert.Throws<SearchConfigException>(() => ParseWith($"optimizer:\n  name: {name}\n  {setting}\n"));

        Assert.Contains(expected, error.Problems);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("-0.1")]
    public void A_cmawm_margin_outside_0_to_half_is_an_error_naming_the_field(string margin)
    {
        var error = Assert.Throws<SearchConfigException>(() => ParseWith($"optimizer:\n  name: cmawm\n  margin: {margin}\n  sigma0: -1\n"));

        Assert.Contains(error.Problems, p => p.StartsWith($"optimizer.margin: {margin} must lie between 0 and 0.5", StringComparison.Ordinal));
        Assert.Contains("optimizer.sigma0: must be positive.", error.Problems);
    }

    [Fact]
    public void A_cmawm_margin_inside_the_range_is_read()
    {
        var config = ParseWith("optimizer:\n  name: cmawm\n  margin: 0.05\n");

        Assert.Equal(new OptimizerSpec("cmawm", null, null, null, 0.05), config.Optimizer);
    }

    sealed class FirstGeneBinary : IGeneDomains
    {
        public IReadOnlyList<GeneDomain> GeneDomains() => [GeneDomain.Discrete(-0.5, 0.5), GeneDomain.Continuous, GeneDomain.Continuous];
    }

    [Fact]
    public void Cmawm_samples_the_discrete_genes_the_space_names_and_other_optimizers_ignore_them()
    {
        var bounds = new Bounds([-1, 0, 0], [1, 1, 1]);
        var context = new OptimizerContext(bounds, [0.5, 0.5, 0.5], 1, Examples: 0, Seed: 7, SourceSeeds: null, new FirstGeneBinary());

        var mixed = OptimizerRegistry.Get("cmawm").Create(new OptimizerSpec("cmawm", 20, 1.0, null), context).Ask();
        var plain = OptimizerRegistry.Get("cmaes").Create(new OptimizerSpec("cmaes", 20, 1.0, null), context).Ask();

        Assert.All(mixed, c => Assert.Contains(c.Genes[0], new[] { -0.5, 0.5 }));
        Assert.True(mixed.Any(c => c.Genes[0] == -0.5), string.Join(" ", mixed.Select(c => string.Join("/", c.Genes))));
        Assert.Contains(mixed, c => c.Genes[1] is not (0 or 0.5 or 1));
        Assert.Contains(plain, c => c.Genes[0] is not (-0.5 or 0.5));
    }

    [Fact]
    public void Cmawm_refuses_gene_domains_that_do_not_match_the_genes()
    {
        var context = new OptimizerContext(new Bounds([0, 0], [1, 1]), [0.5, 0.5], 1, 0, 1, null, new FirstGeneBinary());

        var error = Assert.Throws<ArgumentException>(() => OptimizerRegistry.Get("cmawm").Create(new OptimizerSpec("cmawm", null, null, null), context));
        Assert.Contains("3 gene domains for 2 genes", error.Message);
    }

    [Fact]
    public void Every_optimizer_writes_its_settings_back_so_they_read_the_same()
    {
        foreach (var name in OptimizerRegistry.Names)
        {
            var descriptor = OptimizerRegistry.Get(name);
            string settings = string.Concat(descriptor.Settings.Select(s => $"  {s}: {(s is OptimizerDescriptor.Population or OptimizerDescriptor.BatchSize ? "6" : "0.125")}\n"));
            var config = ParseWith($"optimizer:\n  name: {name}\n{settings}");

            var again = SearchConfigParser.Parse(SearchConfigWriter.ToYaml(config), _fixture.Folder, "again.yml", "again");

            Assert.Equal(config.Optimizer, again.Optimizer);
            Assert.Equal(descriptor.Settings.Count, descriptor.Write(config.Optimizer).Count);
        }
    }

    [Fact]
    public void Every_optimizer_is_created_and_restored_from_its_own_snapshot()
    {
        var bounds = new Bounds([0, 0, 0], [1, 1, 1]);
        foreach (var name in OptimizerRegistry.Names)
        {
            var descriptor = OptimizerRegistry.Get(name);
            int objectives = descriptor.Capabilities.MultiObjective ? 2 : 1;
            var context = new OptimizerContext(bounds, [0.5, 0.5, 0.5], objectives, Examples: 4, Seed: 3, new TwoSeeds());
            var optimizer = descriptor.Create(new OptimizerSpec(name, 6, null, null), context);
            var asked = optimizer.Ask();
            optimizer.Tell(asked.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, Enumerable.Repeat(c.Genes.Sum(), objectives).ToArray(), [1, 0, 1, 0])).ToList());

            var restored = descriptor.Restore(optimizer.ExportState());

            Assert.Equal(optimizer.Ask().Select(c => c.Genes), restored.Ask().Select(c => c.Genes));
        }
    }

    [Fact]
    public void Only_m2n2_needs_and_journals_per_example_scores()
    {
        var needing = OptimizerRegistry.Names.Where(n => OptimizerRegistry.Get(n).Capabilities.NeedsPerExampleScores).ToList();

        Assert.Equal(["m2n2"], needing);
        Assert.True(OptimizerRegistry.Get("m2n2").Capabilities.JournalsPerExampleScores);
        Assert.Throws<ArgumentException>(() => OptimizerRegistry.Get("m2n2").Create(new OptimizerSpec("m2n2", null, null, null),
            new OptimizerContext(new Bounds([0], [1]), [0.5], 1, 4, 1, SourceSeeds: null)));
    }

    public void Dispose() => _fixture.Dispose();
}
