namespace EvoMerge.Farm.Cluster;

/// <summary>How workers find the coordinator: its gateway address directly, or Orleans membership in Redis.</summary>
public enum ClusterMembership
{
    Gateway,
    Redis,
}
