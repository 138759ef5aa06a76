using EvoMerge.Farm.Cluster;
using EvoMerge.Farm.Security;

namespace EvoMerge.Farm.Worker;

/// <summary>
/// A worker's settings: where the farm meets, the run's key, its name, its slots, the build it runs, how long
/// it keeps trying to reach a coordinator that is not there, and (for workers a search started itself) the
/// process whose end means the worker should end too.
/// </summary>
public sealed record WorkerOptions(
    ClusterConnection Cluster,
    ClusterKey Key,
    string Name,
    IReadOnlyList<WorkerSlot> Slots,
    string BuildId,
    TimeSpan ConnectPatience,
    int? ParentProcessId);
