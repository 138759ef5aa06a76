using System.Net;

namespace EvoMerge.Farm.Cluster;

/// <summary>
/// How the coordinator's silo listens: the membership (null: none, workers dial the gateway directly), the
/// address it binds and advertises (loopback unless the user opens it to other machines), its ports (0: any
/// free one), how many times an infrastructure failure may re-dispatch a trial, and how long a silent worker
/// is given before it is declared lost.
/// </summary>
public sealed record CoordinatorOptions(
    ClusterConnection? Membership,
    IPAddress Address,
    int SiloPort,
    int GatewayPort,
    int Retries,
    TimeSpan HeartbeatTimeout)
{
    public static CoordinatorOptions Local(int retries) =>
        new(null, IPAddress.Loopback, 0, 0, retries, TimeSpan.FromSeconds(10));
}
