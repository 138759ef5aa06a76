using System.Net;

namespace EvoMerge.Farm.Cluster;

/// <summary>
/// Where a run's farm meets, from a connection string: <c>HOST:PORT</c> (the coordinator's gateway, no
/// membership server; what local workers get) or <c>redis://HOST:PORT[/CLUSTER]</c> (Orleans membership in
/// Redis: workers find the coordinator's silo there, wherever and whenever it starts).
/// </summary>
public sealed record ClusterConnection(ClusterMembership Membership, IPEndPoint? Gateway, string? RedisConfiguration, string ClusterId)
{
    public const string DefaultClusterId = "evomerge";

    /// <summary>Parses a connection string; a message naming <paramref name="field"/> and the accepted forms when it is not one.</summary>
    public static ClusterConnection Parse(string text, string field)
    {
        var value = text.Trim();
        if (value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = value["redis://".Length..];
            var slash = rest.IndexOf('/');
            var hostPort = slash < 0 ? rest : rest[..slash];
            var cluster = slash < 0 || slash == rest.Length - 1 ? DefaultClusterId : rest[(slash + 1)..];
            if (hostPort.Length == 0) throw Bad(field, text, "the Redis host is missing");
            if (!hostPort.Contains(':')) hostPort += ":6379";
            return new ClusterConnection(ClusterMembership.Redis, null, hostPort, cluster);
        }
        if (value.Contains("://"))
            throw Bad(field, text, "only redis:// membership is supported (PostgreSQL is not built yet)");
        if (!TryEndPoint(value, out var endpoint)) throw Bad(field, text, "expected HOST:PORT or redis://HOST:PORT[/CLUSTER]");
        return new ClusterConnection(ClusterMembership.Gateway, endpoint, null, DefaultClusterId);
    }

    public override string ToString() => Membership == ClusterMembership.Redis
        ? $"redis://{RedisConfiguration}/{ClusterId}"
        : $"{Gateway!.Address}:{Gateway.Port}";

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
        new($"{field}: '{text}' is not a cluster connection ({why}).");
}
