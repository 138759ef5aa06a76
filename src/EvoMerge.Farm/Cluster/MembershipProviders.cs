using System.Net;
using EvoMerge.Farm.Cluster.Postgres;
using Microsoft.Extensions.Hosting;

namespace EvoMerge.Farm.Cluster;

/// <summary>
/// The one place that maps a <see cref="ClusterConnection"/>'s membership onto Orleans' clustering providers,
/// for the coordinator's silo and for workers' clients alike.
/// </summary>
public static class MembershipProviders
{
    /// <summary>The ADO.NET provider name Orleans knows Npgsql by.</summary>
    const string NpgsqlInvariant = "Npgsql";

    /// <summary>Creates what the membership store needs before Orleans starts (the PostgreSQL tables); nothing for the others.</summary>
    public static Task PrepareAsync(ClusterConnection? connection, CancellationToken cancellationToken) =>
        connection is { Membership: ClusterMembership.Postgres, Store: { } store }
            ? PostgresMembershipSchema.EnsureAsync(store, cancellationToken)
            : Task.CompletedTask;

    /// <summary>The silo's membership; without a store, development clustering with the silo itself as primary.</summary>
    public static void Configure(ISiloBuilder silo, ClusterConnection? connection, IPEndPoint siloEndPoint)
    {
        switch (connection?.Membership)
        {
            case ClusterMembership.Redis:
                silo.UseRedisClustering(connection.Store!);
                break;
            case ClusterMembership.Postgres:
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = NpgsqlInvariant;
                    o.ConnectionString = connection.Store!;
                });
                break;
            default:
                silo.UseDevelopmentClustering(siloEndPoint);
                break;
        }
    }

    /// <summary>A worker's client: the store's gateway list, or the coordinator's gateway directly.</summary>
    public static void Configure(IClientBuilder client, ClusterConnection connection)
    {
        switch (connection.Membership)
        {
            case ClusterMembership.Redis:
                client.UseRedisClustering(connection.Store!);
                break;
            case ClusterMembership.Postgres:
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = NpgsqlInvariant;
                    o.ConnectionString = connection.Store!;
                });
                break;
            default:
                client.UseStaticClustering(connection.Gateway!);
                break;
        }
    }
}
