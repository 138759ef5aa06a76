using System.Diagnostics;
using EvoMerge.Farm.Cluster;
using EvoMerge.Farm.Protocol;
using EvoMerge.Farm.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace EvoMerge.Farm.Worker;

/// <summary>
/// A worker process's life: connect to the farm, prove the key and pass the join checks, then let each slot
/// pull trials and evaluate them until the farm goes away. A lost connection or a coordinator that forgot the
/// worker (it was thought dead, or a resumed run restarted the coordinator) means joining again; evaluators
/// stay open across rejoins of the same run, so models are loaded once.
/// </summary>
public sealed class FarmWorker(WorkerOptions options, IWorkerRuntime runtime, Action<string> log)
{
    static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    static readonly TimeSpan ManifestPatience = TimeSpan.FromSeconds(20);
    readonly Dictionary<int, ISlotEvaluator> evaluators = [];
    readonly ClusterCertificate certificate = ClusterCertificate.From(options.Key);
    // Orleans' client keeps retrying a gateway for minutes; a wrong key will not get better, so stop at once.
    readonly CancellationTokenSource handshakeRefused = new();
    string? openRun;

    /// <summary>Runs until cancelled, the parent ends, or no coordinator answers within the patience.</summary>
    /// <exception cref="FarmSetupException">The coordinator refused this worker (the message says why).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var parentGone = WatchParent(cancellationToken);
        var token = parentGone.Token;
        var lastContact = Stopwatch.StartNew();
        try
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await SessionAsync(lastContact, token).ConfigureAwait(false);
                }
                catch (Exception) when (!token.IsCancellationRequested && handshakeRefused.IsCancellationRequested)
                {
                    throw new FarmSetupException($"{options.Cluster}: this worker does not hold this run's cluster key (the coordinator's TLS "
                        + "certificate is not the one this key file gives); copy the run's key file to this machine and pass it with --key-file.");
                }
                catch (Exception error) when (!token.IsCancellationRequested && IsConnectionTrouble(error))
                {
                    if (lastContact.Elapsed > options.ConnectPatience)
                        throw new FarmSetupException($"no coordinator answered at {options.Cluster} for {options.ConnectPatience.TotalSeconds:0} s ({error.Message}).");
                    await Task.Delay(RetryDelay, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested) { }
        finally
        {
            foreach (var evaluator in evaluators.Values) evaluator.Dispose();
            evaluators.Clear();
            certificate.Dispose();
            handshakeRefused.Dispose();
        }
    }

    async Task SessionAsync(Stopwatch lastContact, CancellationToken cancellationToken)
    {
        using var host = BuildClient();
        using (var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, handshakeRefused.Token))
            await host.StartAsync(startup.Token).ConfigureAwait(false);
        try
        {
            var coordinator = await CoordinatorReference.ResolveAsync(host.Services.GetRequiredService<IClusterClient>(), ManifestPatience, cancellationToken).ConfigureAwait(false);
            // The slots open (models loaded) before joining: the coordinator counts a slot from its join on, and a
            // slot still loading would count as idle, and delay the first trials it is handed.
            JoinChallenge challenge;
            string? inputs, setupError;
            while (true)
            {
                challenge = await coordinator.Challenge().WaitAsync(cancellationToken).ConfigureAwait(false);
                lastContact.Restart();
                (inputs, setupError) = runtime.Inspect(challenge);
                if (setupError is not null || openRun == RunKey(challenge)) break;
                OpenSlots(challenge); // then ask again: opening may outlast the challenge's nonce
            }
            var hello = new WorkerHello(options.Name, options.Slots.Count, options.BuildId, inputs, setupError);
            var verdict = await coordinator.Join(hello, challenge.Nonce, options.Key.Sign(challenge.Nonce, hello.SignedText())).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!verdict.Admitted) throw new FarmSetupException($"the coordinator refused worker {options.Name}: {verdict.Refusal}");
            log($"worker {options.Name} joined run {challenge.RunId} with {options.Slots.Count} slot(s)");

            using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var slots = options.Slots.Select(s => Task.Run(() => SlotLoopAsync(coordinator, verdict.Token!, s, challenge.Pipeline, session.Token), CancellationToken.None)).ToList();
            var heartbeat = HeartbeatAsync(coordinator, verdict.Token!, lastContact, session.Token);
            var first = await Task.WhenAny(slots.Append(heartbeat)).ConfigureAwait(false);
            await session.CancelAsync().ConfigureAwait(false);
            try { await Task.WhenAll(slots.Append(heartbeat)).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
            await first.ConfigureAwait(false); // rethrows what ended the session (connection trouble: rejoin)
            if (!cancellationToken.IsCancellationRequested)
            {
                try { await coordinator.Leave(verdict.Token!).ConfigureAwait(false); }
                catch (Exception error) when (IsConnectionTrouble(error)) { }
            }
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await host.StopAsync(stop.Token).ConfigureAwait(false); }
            catch (Exception error) when (error is OperationCanceledException || IsConnectionTrouble(error)) { }
        }
    }

    async Task HeartbeatAsync(IFarmCoordinatorGrain coordinator, string token, Stopwatch lastContact, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await coordinator.Heartbeat(token).WaitAsync(cancellationToken).ConfigureAwait(false))
                throw new FarmConnectionLostException("the coordinator no longer knows this worker; joining again.");
            lastContact.Restart();
        }
    }

    async Task SlotLoopAsync(IFarmCoordinatorGrain coordinator, string token, WorkerSlot slot, bool pipeline, CancellationToken cancellationToken)
    {
        var evaluator = evaluators[slot.Index];
        if (pipeline) await PipelinedSlot.RunAsync(coordinator, token, slot.Index, evaluator, cancellationToken).ConfigureAwait(false);
        else await SerialSlotAsync(coordinator, token, slot.Index, evaluator, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One job at a time: build and score each job of a lease, then hand in their results and take the next lease
    /// in one call (the coordinator gives several jobs at once only while they are short and many wait).
    /// </summary>
    static async Task SerialSlotAsync(IFarmCoordinatorGrain coordinator, string token, int slot, ISlotEvaluator evaluator, CancellationToken cancellationToken)
    {
        SlotReport[] reports = [];
        while (true)
        {
            var jobs = await LeaseJobsAsync(coordinator, token, slot, reports, [], cancellationToken).ConfigureAwait(false);
            var arrived = Stopwatch.StartNew();
            var scored = new List<SlotReport>(jobs.Length);
            foreach (var job in jobs)
            {
                using var held = Build(evaluator, job, arrived, cancellationToken);
                scored.Add(held.Score(cancellationToken));
            }
            // Each job was held from the lease's arrival until now, when its result goes in.
            reports = [.. scored.Select(r => r with { HeldSeconds = arrived.Elapsed.TotalSeconds })];
        }
    }

    internal static HeldJob Build(ISlotEvaluator evaluator, FarmJob job, Stopwatch held, CancellationToken cancellationToken) =>
        new(job, evaluator.Prepare(job.Payload, cancellationToken), held);

    /// <summary>
    /// Hands in <paramref name="reports"/> and leases the slot's next jobs, asking again until some come (each call
    /// waits a while on the coordinator's side); the results go with the first call only.
    /// </summary>
    internal static async Task<FarmJob[]> LeaseJobsAsync(IFarmCoordinatorGrain coordinator, string token, int slot, SlotReport[] reports, long[] held,
                                                         CancellationToken cancellationToken)
    {
        // Calls wait for the coordinator only as long as the session lasts: a worker told to stop (Ctrl-C, its
        // search gone) must not sit out Orleans' response timeout on a coordinator that will never answer.
        while (true)
        {
            var jobs = await coordinator.HandInAndLease(token, slot, reports, held, PipelinedSlot.MaxJobsPerLease).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (jobs.Length > 0) return jobs;
            reports = [];
        }
    }

    void OpenSlots(JoinChallenge challenge)
    {
        foreach (var evaluator in evaluators.Values) evaluator.Dispose();
        evaluators.Clear();
        openRun = null;
        foreach (var slot in options.Slots) evaluators[slot.Index] = runtime.OpenSlot(challenge, slot);
        openRun = RunKey(challenge);
    }

    static string RunKey(JoinChallenge challenge) => challenge.RunId + "\n" + challenge.ConfigYaml;

    IHost BuildClient()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            MembershipProviders.Configure(client, options.Cluster);
            FarmTls.Configure(client, certificate, handshakeRefused.Cancel);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.Cluster.ClusterId;
                o.ServiceId = ClusterConnection.DefaultClusterId;
            });
        });
        return builder.Build();
    }

    CancellationTokenSource WatchParent(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.ParentProcessId is not int pid) return source;
        _ = Task.Run(async () =>
        {
            while (!source.IsCancellationRequested)
            {
                if (!IsAlive(pid))
                {
                    log($"worker {options.Name}: the search process {pid} ended; stopping.");
                    await source.CancelAsync().ConfigureAwait(false);
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None).ConfigureAwait(false);
            }
        }, CancellationToken.None);
        return source;
    }

    static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    internal static bool IsConnectionTrouble(Exception error) =>
        error is FarmConnectionLostException or Orleans.Runtime.OrleansException or Orleans.Runtime.SiloUnavailableException
            or System.Net.Sockets.SocketException or TimeoutException or Orleans.Runtime.OrleansMessageRejectionException
            or Microsoft.AspNetCore.Connections.ConnectionAbortedException
        || (error is AggregateException aggregate && aggregate.InnerExceptions.All(IsConnectionTrouble));
}
