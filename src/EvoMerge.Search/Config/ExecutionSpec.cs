namespace EvoMerge.Search.Config;

/// <summary>
/// Where trials are evaluated (<c>execution:</c>): in the search process (no workers, no cluster), or on an
/// evaluation farm of <see cref="Workers"/> local worker processes with <see cref="Slots"/> slots each (or one
/// slot per device), joined by workers of other machines through <see cref="Cluster"/>. Not part of the
/// experiment: a resume may use another farm, and the results are the same.
/// </summary>
public sealed record ExecutionSpec(int Workers, int Slots, IReadOnlyList<string> Devices, int Retries, TimeSpan HeartbeatTimeout, ClusterSpec? Cluster)
{
    public static ExecutionSpec InProcess { get; } = new(0, 1, [], 2, TimeSpan.FromSeconds(10), null);

    /// <summary>
    /// Whether each farm slot builds its next candidate while the current one is scored (at most one extra
    /// candidate in memory per slot). Always on for searches; the farm benchmark switches it off to measure it.
    /// </summary>
    public bool Pipeline { get; init; } = true;

    /// <summary>True when trials go to worker processes rather than being evaluated in the search process.</summary>
    public bool UsesFarm => Workers > 0 || Cluster is not null;
}

/// <summary>
/// How other machines reach the farm: a membership connection (<c>redis://HOST:PORT[/CLUSTER]</c> or
/// <c>postgres://USER@HOST:PORT/DATABASE[?cluster=NAME]</c>) or none
/// (they dial the gateway), the address the coordinator binds and advertises, its ports (0: any free) and the
/// key file that workers need (created when missing).
/// </summary>
public sealed record ClusterSpec(string? Connection, string Address, int SiloPort, int GatewayPort, string? KeyFile);
