using System.Net;
using EvoMerge.Farm.Coordination;
using EvoMerge.Farm.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace EvoMerge.Farm.Cluster;

/// <summary>
/// The coordinator's side of the farm: an Orleans silo in the search process hosting the grain workers call,
/// the run's <see cref="WorkBoard"/>, and a sweeper that declares silent workers lost.
/// </summary>
public sealed class FarmCoordinator : IAsyncDisposable
{
    static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(500);
    readonly IHost host;
    readonly CancellationTokenSource stopping = new();
    readonly Task sweeper;
    readonly ClusterCertificate certificate;

    FarmCoordinator(IHost host, ClusterCertificate certificate, WorkBoard board, ClusterConnection workerConnection)
    {
        this.host = host;
        this.certificate = certificate;
        Board = board;
        WorkerConnection = workerConnection;
        sweeper = SweepAsync(stopping.Token);
    }

    public WorkBoard Board { get; }

    /// <summary>What a worker passes as --cluster to join this farm.</summary>
    public ClusterConnection WorkerConnection { get; }

    public static async Task<FarmCoordinator> StartAsync(CoordinatorOptions options, RunDescription run, ClusterKey key,
        string buildId, Action<string>? log, CancellationToken cancellationToken)
    {
        var board = new WorkBoard(options.Retries, options.HeartbeatTimeout, TimeProvider.System);
        if (log is not null) board.Notice += log;
        var gate = new JoinGate(key, buildId, run, TimeProvider.System);
        int siloPort = options.SiloPort != 0 ? options.SiloPort : FreePort.On(options.Address);
        int gatewayPort = options.GatewayPort != 0 ? options.GatewayPort : FreePort.On(options.Address);
        var clusterId = options.Membership?.ClusterId ?? ClusterConnection.DefaultClusterId;

        await MembershipProviders.PrepareAsync(options.Membership, cancellationToken).ConfigureAwait(false);
        var certificate = ClusterCertificate.From(key);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(board);
        builder.Services.AddSingleton(gate);
        builder.UseOrleans(silo =>
        {
            MembershipProviders.Configure(silo, options.Membership, new IPEndPoint(options.Address, siloPort));
            FarmTls.Configure(silo, certificate, log);
            silo.ConfigureEndpoints(options.Address, siloPort, gatewayPort);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = ClusterConnection.DefaultClusterId;
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is System.Net.Sockets.SocketException or Orleans.Runtime.OrleansException or InvalidOperationException)
        {
            host.Dispose();
            certificate.Dispose();
            throw new FarmSetupException($"the farm's silo could not start on {options.Address} ports {siloPort}/{gatewayPort}: {error.Message}");
        }
        var connection = options.Membership ?? new ClusterConnection(ClusterMembership.Gateway,
            new IPEndPoint(options.Address, gatewayPort), null, clusterId);
        return new FarmCoordinator(host, certificate, board, connection);
    }

    async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(SweepInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) Board.Sweep();
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await sweeper.ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        host.Dispose();
        certificate.Dispose();
        stopping.Dispose();
    }
}
