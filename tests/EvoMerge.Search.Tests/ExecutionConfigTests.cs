using EvoMerge.Runs.Storage;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>The execution: section (the evaluation farm) and the steady-state optimizers' batch_size.</summary>
public sealed class ExecutionConfigTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    SearchConfig Parse(string yaml) => SearchConfigParser.Parse(yaml, _fixture.Folder, "test.yml", "test");

    string Yaml(string optimizer = "cmaes") => File.ReadAllText(_fixture.Config(optimizer));

    [Fact]
    public void Execution_is_read_written_back_and_left_out_of_the_resume_hash()
    {
        var plain = Parse(Yaml());
        Assert.False(plain.Execution.UsesFarm);
        var farm = Parse(Yaml() + "execution:\n  workers: 4\n  slots: 2\n  retries: 3\n  heartbeat_timeout: 5s\n"
            + "  cluster: {connection: 'redis://10.0.0.2:6379/nightly', address: 10.0.0.5, gateway_port: 30000, key_file: run.key}\n");
        Assert.Equal((4, 2, 3, TimeSpan.FromSeconds(5)), (farm.Execution.Workers, farm.Execution.Slots, farm.Execution.Retries, farm.Execution.HeartbeatTimeout));
        Assert.Equal(new ClusterSpec("redis://10.0.0.2:6379/nightly", "10.0.0.5", 0, 30000, _fixture.PathOf("run.key")), farm.Execution.Cluster);
        Assert.Equal(SearchConfigWriter.SearchHash(plain), SearchConfigWriter.SearchHash(farm));

        var again = Parse(SearchConfigWriter.ToYaml(farm));
        Assert.Equal(farm.Execution with { Devices = [] }, again.Execution with { Devices = [] });
        Assert.Equal(SearchConfigWriter.ToYaml(farm), SearchConfigWriter.ToYaml(again));
    }

    [Theory]
    [InlineData("redis://10.0.0.2:6379/nightly")]
    [InlineData("postgres://farm@10.0.0.2:5432/evomerge?cluster=nightly")]
    public void Redis_and_postgres_membership_are_accepted(string connection)
    {
        var farm = Parse(Yaml() + $"execution:\n  cluster: {{connection: '{connection}'}}\n");
        Assert.Equal(connection, farm.Execution.Cluster!.Connection);
    }

    [Fact]
    public void A_connection_of_no_membership_store_is_refused_naming_every_form()
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse(Yaml() + "execution:\n  cluster: {connection: 'mysql://db/x'}\n"));
        Assert.Contains("execution.cluster.connection: 'mysql://db/x' is not", error.Message);
        Assert.All(MembershipStore.All, store => Assert.Contains(store.Form, error.Message));
        Assert.All(MembershipStore.All.SelectMany(store => store.Schemes), scheme =>
            Assert.Equal(scheme + "10.0.0.2:6379/db", Parse(Yaml() + $"execution:\n  cluster: {{connection: '{scheme}10.0.0.2:6379/db'}}\n").Execution.Cluster!.Connection));
    }

    [Fact]
    public void Every_execution_problem_is_reported_at_once_naming_its_field()
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse(Yaml()
            + "execution:\n  workers: -1\n  slots: 2\n  devices: [gpu0]\n  cluster: {connection: 'mysql://db/x', address: somewhere, silo_port: 70000, colour: blue}\n"));
        foreach (var field in new[] { "execution.workers", "execution.devices: 'gpu0'", "execution: give slots", "execution.cluster.connection",
                                      "execution.cluster.address", "execution.cluster.silo_port", "colour" })
            Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Batch_size_belongs_to_steady_state_optimizers_and_is_part_of_the_experiment()
    {
        var refused = Assert.Throws<SearchConfigException>(() => Parse(Yaml().Replace("  name: cmaes\n", "  name: cmaes\n  batch_size: 4\n", StringComparison.Ordinal)));
        Assert.Contains("batch_size", refused.Message);

        var one = Parse(Yaml("m2n2"));
        var four = Parse(Yaml("m2n2").Replace("  name: m2n2\n", "  name: m2n2\n  batch_size: 4\n", StringComparison.Ordinal));
        var m2n2 = OptimizerRegistry.Get("m2n2");
        Assert.Equal((1, 4), (m2n2.FixedBatch(one.Optimizer), m2n2.FixedBatch(four.Optimizer)));
        Assert.Null(OptimizerRegistry.Get("cmaes").FixedBatch(Parse(Yaml()).Optimizer));
        Assert.NotEqual(SearchConfigWriter.SearchHash(one), SearchConfigWriter.SearchHash(four));
        Assert.Contains("  batch_size: 4\n", SearchConfigWriter.ToYaml(four));

        // After the seeds (the experts), every generation asks batch_size candidates.
        string folder = Path.Combine(_fixture.Folder, "run-" + Guid.NewGuid().ToString("N"));
        using (var run = SearchRun.Start(four with { Budget = new BudgetSpec(14, null) }, folder))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        int generation = Array.IndexOf(lines[0].Split(','), "generation");
        var sizes = lines.Skip(1).GroupBy(l => l.Split(',')[generation]).Select(g => g.Count()).ToList();
        Assert.All(sizes.Skip(1), size => Assert.Equal(4, size));
    }

    public void Dispose() => _fixture.Dispose();
}
