using System.Net;
using EvoMerge.Farm.Cluster.Postgres;
using EvoMerge.Search.Config;

namespace EvoMerge.Farm.Cluster;

/// <summary>
/// Where a run's farm meets, from a connection string: <c>HOST:PORT</c> (the coordinator's gateway, no
/// membership server; what local workers get), <c>redis://HOST:PORT[/CLUSTER]</c> or
/// <c>postgres://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?cluster=CLUSTER]</c> (Orleans membership in Redis or
/// PostgreSQL: workers find the coordinator's silo there, wherever and whenever it starts).
/// <see cref="Store"/> is what the membership provider connects with (Redis configuration or Npgsql
/// connection string).
/// </summary>
public sealed record ClusterConnection(ClusterMembership Membership, IPEndPoint? Gateway, string? Store, string ClusterId)
{
    public const string DefaultClusterId = "evomerge";

    /// <summary>Parses a connection string; a message naming <paramref name="field"/> and the accepted forms when it is not one.</summary>
    public static ClusterConnection Parse(string text, string field)
    {
        var value = text.Trim();
        if (MembershipStore.Redis.Matches(value))
        {
            var rest = value[(value.IndexOf("://", StringComparison.Ordinal) + "://".Length)..];
            var slash = rest.IndexOf('/');
            var hostPort = slash < 0 ? rest : rest[..slash];
            var cluster = slash < 0 || slash == rest.Length - 1 ? DefaultClusterId : rest[(slash + 1)..];
            if (hostPort.Length == 0) throw Bad(field, text, "the Redis host is missing");
            if (!hostPort.Contains(':')) hostPort += ":6379";
            return new ClusterConnection(ClusterMembership.Redis, null, hostPort, cluster);
        }
        if (PostgresUrl.IsOne(value))
        {
            var url = PostgresUrl.Parse(value, why => Bad(field, text, why));
            return new ClusterConnection(ClusterMembership.Postgres, null, url.ConnectionString, url.ClusterId ?? DefaultClusterId);
        }
        if (value.Contains("://"))
            throw Bad(field, text, $"the membership stores are {MembershipStore.SchemeNames}");
        if (!TryEndPoint(value, out var endpoint)) throw Bad(field, text, $"expected HOST:PORT, {MembershipStore.Forms}");
        return new ClusterConnection(ClusterMembership.Gateway, endpoint, null, DefaultClusterId);
    }

    /// <summary>The connection as a user types it; a PostgreSQL password is left out (printed commands and logs must not leak it).</summary>
    public override string ToString() => Membership switch
    {
        ClusterMembership.Redis => $"redis://{Store}/{ClusterId}",
        ClusterMembership.Postgres => PostgresUrl.Display(Store!, ClusterId),
        _ => $"{Gateway!.Address}:{Gateway.Port}",
    };

    static bool TryEndPoint(string value, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], out var port) || port is < 1 or > 65535) return false;
        var host = value[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            try { address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork); }
            catch (System.Net.Sockets.SocketException) { return false; }
            if (address is null) return false;
        }
        endpoint = new IPEndPoint(address, port);
        return true;
    }

    static FarmSetupException Bad(string field, string text, string why) =>
        new($"{field}: '{PostgresUrl.WithoutPassword(text)}' is not a cluster connection ({why}).");
}
