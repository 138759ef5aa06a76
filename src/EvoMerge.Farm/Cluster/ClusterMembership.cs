namespace EvoMerge.Farm.Cluster;

/// <summary>
/// How workers find the coordinator: its gateway address directly, or Orleans membership kept in Redis or in a
/// PostgreSQL database.
/// </summary>
public enum ClusterMembership
{
    Gateway,
    Redis,
    Postgres,
}
