using EvoMerge.Experiments.EvoLlmToy;
using EvoMerge.Experiments.EvoLlmToyExperiment;

namespace EvoMerge.Experiments.Tests.EvoLlmToy;

/// <summary>`experiment evollm-toy --dfs-optimizers`: one DFS run and row per optimizer, named by it when there are several.</summary>
public sealed class DfsOptimizerOptionTests
{
    static EvoLlmToyExperimentOptions With(IReadOnlyList<string> optimizers) =>
        new() { RepositoryRoot = "/repo", ResultsFolder = "/repo/out", WorkFolder = "/repo/work", DfsOptimizers = optimizers };

    [Fact]
    public void A_list_of_optimizers_is_read_in_order()
    {
        Assert.Equal(["cmaes", "cmawm"], EvoLlmToyExperimentOptions.ParseDfsOptimizers(" cmaes, cmawm "));
    }

    [Theory]
    [InlineData("cmaes,nope", "--dfs-optimizers: unknown optimizer 'nope'; valid: ")]
    [InlineData("cmawm,cmawm", "--dfs-optimizers: 'cmawm' is listed twice.")]
    [InlineData(",", "--dfs-optimizers: name at least one optimizer.")]
    [InlineData("m2n2", "--dfs-optimizers: 'm2n2' needs per-example scores")]
    public void A_bad_list_is_refused_naming_the_option(string text, string start)
    {
        var e = Assert.Throws<ArgumentException>(() => EvoLlmToyExperimentOptions.ParseDfsOptimizers(text));
        Assert.StartsWith(start, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_optimizer_keeps_the_dfs_run_and_row_several_are_named_by_optimizer()
    {
        Assert.Equal(("dfs", "dfs (layer path + scales)"), With(["sep-cmaes"]).DfsNames("sep-cmaes"));
        var two = With(["cmaes", "cmawm"]);
        Assert.Equal(("dfs_cmaes", "dfs (cmaes)"), two.DfsNames("cmaes"));
        Assert.Equal(("dfs_cmawm", "dfs (cmawm)"), two.DfsNames("cmawm"));
    }

    [Fact]
    public void The_dfs_config_names_the_optimizer()
    {
        var assets = new EvoLlmToyAssetPaths("/toy", "/toy/base", "/toy/a", "/toy/b", "/toy/target_dev.jsonl", "/toy/target_test.jsonl", "", "", "", "", "", "", "", "", "", "", "", "", Reused: true);
        string yaml = ToySearchConfigs.DataFlow(assets, evaluations: 10, maxNewTokens: 4, seed: 1, includeMerge: null, optimizer: "cmawm");
        Assert.Contains("optimizer: {name: cmawm, sigma0: 0.3}", yaml);
    }
}
