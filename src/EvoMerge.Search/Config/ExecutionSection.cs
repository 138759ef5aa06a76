using System.Net;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary>
/// <c>execution: {workers, slots, devices, retries, heartbeat_timeout, cluster: {connection, address,
/// silo_port, gateway_port, key_file}}</c>; optional (absent: trials run in the search process).
/// </summary>
internal static class ExecutionSection
{
    public static ExecutionSpec Read(YamlFields f, YamlMappingNode root, string workingDirectory)
    {
        var map = f.Mapping(root, "execution", "", required: false);
        if (map is null) return ExecutionSpec.InProcess;
        const string path = "execution";
        f.RejectUnknown(map, path, ["workers", "slots", "devices", "retries", "heartbeat_timeout", "cluster"]);
        int workers = (int)(f.Integer(map, "workers", path, 0) ?? 0);
        int slots = (int)(f.Integer(map, "slots", path, 1) ?? 1);
        var devices = f.Strings(map, "devices", path);
        foreach (var device in devices.Where(d => d != "cpu" && !d.StartsWith("cuda:", StringComparison.Ordinal)))
            f.Problems.Add($"execution.devices: '{device}' is not cpu or cuda:N.");
        if (devices.Count > 0 && YamlFields.Get(map, "slots") is not null)
            f.Problems.Add("execution: give slots (CPU slots per worker) or devices (one slot per device), not both.");
        int retries = (int)(f.Integer(map, "retries", path, 0) ?? 2);
        var heartbeat = f.Duration(map, "heartbeat_timeout", path) ?? TimeSpan.FromSeconds(10);
        return new ExecutionSpec(workers, slots, devices, retries, heartbeat, ReadCluster(f, map, workingDirectory));
    }

    static ClusterSpec? ReadCluster(YamlFields f, YamlMappingNode execution, string workingDirectory)
    {
        var map = f.Mapping(execution, "cluster", "execution", required: false);
        if (map is null) return null;
        const string path = "execution.cluster";
        f.RejectUnknown(map, path, ["connection", "address", "silo_port", "gateway_port", "key_file"]);
        var connection = f.String(map, "connection", path);
        // The farm parses the whole URL when it starts; here only the store is checked, before anything runs.
        if (connection is not null && MembershipStore.Of(connection) is null)
            f.Problems.Add($"execution.cluster.connection: '{connection}' is not {MembershipStore.Forms} (leave it out to let workers dial the coordinator's gateway directly).");
        var address = f.String(map, "address", path) ?? "127.0.0.1";
        if (!IPAddress.TryParse(address, out _))
            f.Problems.Add($"execution.cluster.address: '{address}' is not an IP address (the one this machine is reached at, e.g. 10.0.0.5).");
        int siloPort = (int)(f.Integer(map, "silo_port", path, 0) ?? 0);
        int gatewayPort = (int)(f.Integer(map, "gateway_port", path, 0) ?? 0);
        foreach (var (key, port) in new[] { ("silo_port", siloPort), ("gateway_port", gatewayPort) })
            if (port > 65535) f.Problems.Add($"execution.cluster.{key}: {port} is not a TCP port (1-65535, or 0 for any free one).");
        var keyFile = f.String(map, "key_file", path) is { } k ? Path.GetFullPath(k, workingDirectory) : null;
        return new ClusterSpec(connection, address, siloPort, gatewayPort, keyFile);
    }
}
