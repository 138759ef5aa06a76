namespace EvoMerge.Search.Config;

/// <summary>
/// A store where a farm's workers find the coordinator (Orleans membership), known by the URL scheme of
/// <c>execution.cluster.connection</c> or <c>worker --cluster</c>. <see cref="All"/> is the one list that both
/// the config check (before anything runs) and the farm's parser (<c>ClusterConnection</c>, which Search cannot
/// see) read, so a new provider is added here and in the farm's provider setup, never in a second list.
/// </summary>
public sealed record MembershipStore(string Name, IReadOnlyList<string> Schemes, string Form)
{
    public static readonly MembershipStore Redis = new("Redis", ["redis://"], "redis://HOST:PORT[/CLUSTER]");

    public static readonly MembershipStore Postgres = new("PostgreSQL", ["postgres://", "postgresql://"],
                                                          "postgres://USER@HOST:PORT/DATABASE[?cluster=NAME]");

    public static IReadOnlyList<MembershipStore> All { get; } = [Redis, Postgres];

    /// <summary>The accepted URL forms for messages: "redis://… or postgres://…".</summary>
    public static string Forms => string.Join(" or ", All.Select(s => s.Form));

    /// <summary>Each store's main scheme for messages: "redis:// and postgres://".</summary>
    public static string SchemeNames => string.Join(" and ", All.Select(s => s.Schemes[0]));

    /// <summary>Whether <paramref name="connection"/> is a URL of this store (by its scheme; the rest is the farm's to parse).</summary>
    public bool Matches(string connection) => Schemes.Any(s => connection.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>The store <paramref name="connection"/> names by its scheme; null for any other text.</summary>
    public static MembershipStore? Of(string connection) => All.FirstOrDefault(s => s.Matches(connection));
}
