using System.Net;
using System.Text.Json.Nodes;
using EvoMerge.Farm.Cluster;
using EvoMerge.Farm.Coordination;
using EvoMerge.Farm.Security;
using EvoMerge.Farm.Tests.Support;
using EvoMerge.Farm.Worker;

namespace EvoMerge.Farm.Tests;

/// <summary>A real Orleans silo and real clients over TCP on 127.0.0.1, inside the test process.</summary>
public class ClusterTests
{
    static readonly JsonNode Inputs = JsonNode.Parse("""[{"path":"/m/a.safetensors","size":10,"header_sha256":"aa","sample_sha256":"bb"}]""")!;
    static readonly RunDescription Run = new("run-1", "seed: 1\n", "/tmp", Inputs);

    static Task<FarmCoordinator> StartCoordinator(ClusterKey key, List<string> log, bool pipeline = true) =>
        FarmCoordinator.StartAsync(CoordinatorOptions.Local(retries: 2) with { HeartbeatTimeout = TimeSpan.FromSeconds(3) },
            Run with { Pipeline = pipeline }, key, "build-1", m => { lock (log) log.Add(m); }, CancellationToken.None);

    static FarmWorker Worker(FarmCoordinator coordinator, ClusterKey key, string name, int slots, JsonNode? inputs = null,
        string build = "build-1", TimeSpan? delay = null) =>
        new(new WorkerOptions(coordinator.WorkerConnection, key, name,
                Enumerable.Range(0, slots).Select(i => new WorkerSlot(i, null, 1)).ToList(), build, TimeSpan.FromSeconds(20), null),
            new EchoRuntime(name, inputs ?? Inputs, delay ?? TimeSpan.FromMilliseconds(20)), _ => { });

    static async Task<List<FarmOutcome>> Collect(WorkBoard board, int count)
    {
        var reader = board.Submit(Enumerable.Range(1, count).Select(i => ((long)i, $"job{i}")).ToList());
        var all = new List<FarmOutcome>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var outcome in reader.ReadAllAsync(timeout.Token)) all.Add(outcome);
        return all;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_workers_share_a_batch_and_every_job_gets_exactly_one_result(bool pipeline)
    {
        var key = ClusterKey.Create();
        var log = new List<string>();
        await using var coordinator = await StartCoordinator(key, log, pipeline);
        Assert.Equal(IPAddress.Loopback, coordinator.WorkerConnection.Gateway!.Address);
        using var stop = new CancellationTokenSource();
        var workers = new[] { Worker(coordinator, key, "a", 2), Worker(coordinator, key, "b", 1) }
            .Select(w => w.RunAsync(stop.Token)).ToList();

        var outcomes = await Collect(coordinator.Board, 30);

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), outcomes.Select(o => o.Id).Order());
        Assert.All(outcomes, o => Assert.Equal($"job{o.Id}@{o.Worker}", o.Payload));
        Assert.Equal(["a", "b"], outcomes.Select(o => o.Worker).Distinct().Order());
        await stop.CancelAsync();
        await Task.WhenAll(workers);
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public async Task A_pipelined_slot_builds_one_candidate_ahead_and_frees_both_when_it_stops(bool pipeline, int most)
    {
        var key = ClusterKey.Create();
        await using var coordinator = await StartCoordinator(key, [], pipeline);
        var runtime = new CountingRuntime(Inputs, TimeSpan.FromMilliseconds(300));
        using var stop = new CancellationTokenSource();
        var worker = new FarmWorker(new WorkerOptions(coordinator.WorkerConnection, key, "p", [new WorkerSlot(0, null, 1), new WorkerSlot(1, null, 1)],
            "build-1", TimeSpan.FromSeconds(20), null), runtime, _ => { }).RunAsync(stop.Token);

        var outcomes = await Collect(coordinator.Board, 12);
        Assert.All(outcomes, o => Assert.Equal($"job{o.Id}!", o.Payload));
        Assert.Equal(most, runtime.MostHeld);

        // The next batch: each slot is scoring one job and holds the next built when the worker is stopped.
        coordinator.Board.Submit(Enumerable.Range(100, 12).Select(i => ((long)i, $"job{i}")).ToList());
        while (runtime.Held < 2 * most) await Task.Delay(10);
        await stop.CancelAsync();
        await worker;
        Assert.Equal(0, runtime.Held);
    }

    [Fact]
    public async Task A_worker_without_the_key_is_refused_and_the_run_goes_on_with_the_others()
    {
        var key = ClusterKey.Create();
        var log = new List<string>();
        await using var coordinator = await StartCoordinator(key, log);
        using var stop = new CancellationTokenSource();
        var stranger = Worker(coordinator, ClusterKey.Create(), "stranger", 1).RunAsync(stop.Token);
        var refusal = await Assert.ThrowsAsync<FarmSetupException>(() => stranger);
        // Refused at the TLS handshake: the stranger never reaches the join, so the board never saw it.
        Assert.Contains("does not hold this run's cluster key", refusal.Message);
        Assert.Equal(0, coordinator.Board.Status().Workers);

        var honest = Worker(coordinator, key, "honest", 1).RunAsync(stop.Token);
        var outcomes = await Collect(coordinator.Board, 3);
        Assert.All(outcomes, o => Assert.Equal("honest", o.Worker));
        await stop.CancelAsync();
        await honest;
    }

    [Fact]
    public async Task A_worker_seeing_a_different_model_file_or_build_is_refused_naming_it()
    {
        var key = ClusterKey.Create();
        await using var coordinator = await StartCoordinator(key, []);
        var changed = JsonNode.Parse("""[{"path":"/m/a.safetensors","size":10,"header_sha256":"aa","sample_sha256":"XX"}]""")!;
        var model = await Assert.ThrowsAsync<FarmSetupException>(() => Worker(coordinator, key, "m", 1, changed).RunAsync(default));
        Assert.Contains("/m/a.safetensors: differs on the worker", model.Message);
        var missing = await Assert.ThrowsAsync<FarmSetupException>(() => Worker(coordinator, key, "n", 1, new JsonArray()).RunAsync(default));
        Assert.Contains("/m/a.safetensors: missing on the worker", missing.Message);
        var build = await Assert.ThrowsAsync<FarmSetupException>(() => Worker(coordinator, key, "b", 1, build: "build-2").RunAsync(default));
        Assert.Contains("different EvoMerge build (build-2)", build.Message);
    }

    [Fact]
    public async Task A_worker_that_stops_mid_job_has_its_job_redispatched()
    {
        var key = ClusterKey.Create();
        var log = new List<string>();
        await using var coordinator = await StartCoordinator(key, log);
        using var stopSlow = new CancellationTokenSource();
        using var stopFast = new CancellationTokenSource();
        var slow = Worker(coordinator, key, "slow", 1, delay: TimeSpan.FromSeconds(30)).RunAsync(stopSlow.Token);
        while (coordinator.Board.Status().Workers < 1) await Task.Delay(50);
        var reader = coordinator.Board.Submit([(1, "job1")]);
        while (coordinator.Board.Status().BusySlots < 1) await Task.Delay(50);
        await stopSlow.CancelAsync(); // the slow worker goes silent without returning its job
        var fast = Worker(coordinator, key, "fast", 1).RunAsync(stopFast.Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var outcome = await reader.ReadAsync(timeout.Token);
        Assert.Equal(("job1@fast", 2), (outcome.Payload, outcome.Attempts));
        Assert.Contains(log, l => l.Contains("trial 1 re-dispatched", StringComparison.Ordinal));
        await stopFast.CancelAsync();
        await Task.WhenAll(slow, fast);
    }

    [Fact]
    public async Task Workers_find_the_coordinator_through_redis_membership()
    {
        using var redis = new RedisServer();
        var key = ClusterKey.Create();
        var membership = ClusterConnection.Parse($"redis://127.0.0.1:{redis.Port}/farm-test", "test");
        await using var coordinator = await FarmCoordinator.StartAsync(
            CoordinatorOptions.Local(retries: 2) with { Membership = membership }, Run, key, "build-1", null, CancellationToken.None);
        Assert.Equal(ClusterMembership.Redis, coordinator.WorkerConnection.Membership);
        using var stop = new CancellationTokenSource();
        var workers = new[] { Worker(coordinator, key, "r1", 1), Worker(coordinator, key, "r2", 1) }.Select(w => w.RunAsync(stop.Token)).ToList();

        var outcomes = await Collect(coordinator.Board, 20);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), outcomes.Select(o => o.Id).Order());
        Assert.All(outcomes, o => Assert.Equal($"job{o.Id}@{o.Worker}", o.Payload));
        await stop.CancelAsync();
        await Task.WhenAll(workers);
    }

    [Fact]
    public async Task Workers_find_the_coordinator_through_postgresql_membership()
    {
        using var postgres = new PostgresServer();
        var key = ClusterKey.Create();
        var membership = ClusterConnection.Parse(postgres.Url("farm-test"), "test");
        await using var coordinator = await FarmCoordinator.StartAsync(
            CoordinatorOptions.Local(retries: 2) with { Membership = membership }, Run, key, "build-1", null, CancellationToken.None);
        Assert.Equal(ClusterMembership.Postgres, coordinator.WorkerConnection.Membership);
        using var stop = new CancellationTokenSource();
        var workers = new[] { Worker(coordinator, key, "p1", 1), Worker(coordinator, key, "p2", 1) }.Select(w => w.RunAsync(stop.Token)).ToList();

        var outcomes = await Collect(coordinator.Board, 20);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), outcomes.Select(o => o.Id).Order());
        Assert.All(outcomes, o => Assert.Equal($"job{o.Id}@{o.Worker}", o.Payload));
        await stop.CancelAsync();
        await Task.WhenAll(workers);
    }

    [Fact]
    public async Task A_postgresql_database_that_does_not_exist_is_a_clear_error_before_the_silo_starts()
    {
        using var postgres = new PostgresServer();
        var membership = ClusterConnection.Parse($"postgres://{PostgresServer.User}@127.0.0.1:{postgres.Port}/nosuchdb", "test");
        var error = await Assert.ThrowsAsync<FarmSetupException>(() => FarmCoordinator.StartAsync(
            CoordinatorOptions.Local(retries: 2) with { Membership = membership }, Run, ClusterKey.Create(), "build-1", null, CancellationToken.None));
        Assert.Contains("has no database 'nosuchdb'", error.Message);
        Assert.Contains("createdb nosuchdb", error.Message);
    }

    [Fact]
    public async Task A_worker_told_to_stop_after_its_coordinator_vanished_stops_at_once()
    {
        var key = ClusterKey.Create();
        var coordinator = await StartCoordinator(key, []);
        using var stop = new CancellationTokenSource();
        var worker = Worker(coordinator, key, "w", 2).RunAsync(stop.Token);
        while (coordinator.Board.Status().Workers < 1) await Task.Delay(50);
        await coordinator.DisposeAsync();
        await Task.Delay(500);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await stop.CancelAsync();
        await worker.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the worker took {clock.Elapsed.TotalSeconds:0.0} s to stop");
    }
}
