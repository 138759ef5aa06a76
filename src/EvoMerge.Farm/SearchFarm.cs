using System.Globalization;
using System.Net;
using EvoMerge.Farm.Cluster;
using EvoMerge.Farm.Coordination;
using EvoMerge.Farm.Dispatch;
using EvoMerge.Farm.Local;
using EvoMerge.Farm.Security;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Inputs;
using EvoMerge.Search.Trials;

namespace EvoMerge.Farm;

/// <summary>
/// Everything a search needs to evaluate on a farm: the run's cluster key, the coordinator's silo, the local
/// workers it started itself, and the dispatcher the run loop sends generations to. Disposing stops the
/// workers and the silo and removes a key made only for local workers. As an <see cref="ISlotGauge"/> it reads
/// the workers' slot time for generations.csv.
/// </summary>
public sealed class SearchFarm : IDisposable, ISlotGauge
{
    readonly FarmCoordinator coordinator;
    readonly string? temporaryKeyFolder;

    SearchFarm(FarmCoordinator coordinator, LocalWorkerPool? local, string keyFile, string? temporaryKeyFolder)
    {
        this.coordinator = coordinator;
        Local = local;
        KeyFile = keyFile;
        this.temporaryKeyFolder = temporaryKeyFolder;
        Dispatcher = new FarmDispatcher(coordinator);
    }

    public ITrialDispatcher Dispatcher { get; }

    public LocalWorkerPool? Local { get; }

    /// <summary>The file a worker on another machine needs (with <see cref="Connection"/>).</summary>
    public string KeyFile { get; }

    /// <summary>What <c>evomerge worker --cluster</c> takes to join this farm.</summary>
    public string Connection => coordinator.WorkerConnection.ToString();

    public FarmStatus Status() => coordinator.Board.Status();

    public SlotUsage Read() => Status().Usage;

    /// <summary>
    /// Waits until every local worker has joined (or given up starting), at most <paramref name="limit"/>, so the
    /// first generation is spread over all of them rather than taken by whichever worker loaded first. The run
    /// loses nothing by going on without a late worker: it joins whenever it is ready. True when all joined.
    /// </summary>
    public bool WaitForLocalWorkers(TimeSpan limit, Action<string> log, CancellationToken cancellation = default)
    {
        if (Local is null) return true;
        int expected = Local.Count;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var nextNote = TimeSpan.FromSeconds(10);
        while (Status().Workers < expected - Local.GivenUp && !cancellation.IsCancellationRequested)
        {
            if (clock.Elapsed > limit)
            {
                log($"{Status().Workers} of {expected} local workers joined in {limit.TotalSeconds:0} s; the run starts with them and the others join when ready.");
                return false;
            }
            if (clock.Elapsed > nextNote)
            {
                log($"waiting for local workers to load the run: {Status().Workers} of {expected} joined after {clock.Elapsed.TotalSeconds:0} s");
                nextNote += TimeSpan.FromSeconds(10);
            }
            cancellation.WaitHandle.WaitOne(20);
        }
        return Status().Workers >= expected;
    }

    /// <param name="plan">The resolved <c>execution:</c> (see <see cref="FarmPlan.Resolve"/>).</param>
    /// <param name="scratchRoot">Where local workers' command evaluators write candidates.</param>
    public static SearchFarm Start(SearchConfig config, ExecutionSpec plan, WorkerLauncher launcher, string scratchRoot, Action<string> log)
    {
        var cluster = plan.Cluster;
        var membership = cluster?.Connection is { } text ? ClusterConnection.Parse(text, "execution.cluster.connection") : null;
        string? temporaryKeyFolder = null;
        string keyFile;
        ClusterKey key;
        if (cluster?.KeyFile is { } configuredKey)
        {
            keyFile = configuredKey;
            if (File.Exists(keyFile)) key = ClusterKey.Read(keyFile);
            else
            {
                key = ClusterKey.Create();
                key.Write(keyFile);
                log($"wrote the cluster key {keyFile}; copy it to every machine that runs workers for this run.");
            }
        }
        else
        {
            temporaryKeyFolder = Directory.CreateTempSubdirectory("evomerge-farm-").FullName;
            keyFile = Path.Combine(temporaryKeyFolder, "cluster.key");
            key = ClusterKey.Create();
            key.Write(keyFile);
        }

        var options = new CoordinatorOptions(membership, IPAddress.Parse(cluster?.Address ?? "127.0.0.1"),
            cluster?.SiloPort ?? 0, cluster?.GatewayPort ?? 0, plan.Retries, plan.HeartbeatTimeout);
        var portable = config with { Output = null, Scratch = null, Execution = ExecutionSpec.InProcess };
        var run = new RunDescription(SearchConfigWriter.SearchHash(config)[..16], SearchConfigWriter.ToYaml(portable),
            Environment.CurrentDirectory, InputIdentity.Record(config))
        { Pipeline = plan.Pipeline };
        FarmCoordinator coordinator;
        try
        {
            coordinator = FarmCoordinator.StartAsync(options, run, key, BuildIdentity.Current(), log, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch
        {
            if (temporaryKeyFolder is not null) Directory.Delete(temporaryKeyFolder, recursive: true);
            throw;
        }

        LocalWorkerPool? local = null;
        if (plan.Workers > 0)
        {
            var connection = coordinator.WorkerConnection.ToString();
            int threads = Math.Max(1, Environment.ProcessorCount / (plan.Workers * Math.Max(1, plan.Slots)));
            local = new LocalWorkerPool(launcher, plan.Workers, i => Invocation(plan, i, connection, keyFile, threads, scratchRoot), log);
        }
        if (cluster is not null)
            log($"farm: workers on other machines join with: ./run.sh worker --cluster {coordinator.WorkerConnection} --key-file {keyFile}");
        return new SearchFarm(coordinator, local, keyFile, temporaryKeyFolder);
    }

    static WorkerInvocation Invocation(ExecutionSpec plan, int index, string connection, string keyFile, int threads, string scratchRoot)
    {
        var arguments = new List<string>
        {
            "--cluster", connection, "--key-file", keyFile, "--name", LocalWorkerPool.LocalName(index),
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--scratch", scratchRoot,
        };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var devices = FarmPlan.DevicesOf(plan.Devices, index, plan.Workers);
        if (devices.Count > 0)
        {
            // Each local worker sees only its own GPUs, numbered from 0, so command evaluators it runs (and any
            // library that ignores the device it is given) stay on them.
            var cuda = devices.Where(d => d.StartsWith("cuda:", StringComparison.Ordinal)).ToList();
            if (cuda.Count > 0) environment["CUDA_VISIBLE_DEVICES"] = string.Join(",", cuda.Select(d => d["cuda:".Length..]));
            int next = 0;
            var renumbered = devices.Select(d => d.StartsWith("cuda:", StringComparison.Ordinal) ? $"cuda:{next++}" : d);
            arguments.AddRange(["--devices", string.Join(",", renumbered)]);
        }
        else
            arguments.AddRange(["--slots", plan.Slots.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture)]);
        return new WorkerInvocation(arguments, environment);
    }

    public void Dispose()
    {
        Local?.Dispose();
        coordinator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (temporaryKeyFolder is not null && Directory.Exists(temporaryKeyFolder)) Directory.Delete(temporaryKeyFolder, recursive: true);
    }
}
