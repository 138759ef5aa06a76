using EvoMerge.Search.Config;
using Npgsql;

namespace EvoMerge.Farm.Cluster.Postgres;

/// <summary>
/// <c>postgres://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?cluster=CLUSTER]</c> (also <c>postgresql://</c>), the
/// form libpq and most tools accept, turned into an Npgsql connection string. A password left out of the URL
/// comes from <c>PGPASSWORD</c> or <c>~/.pgpass</c> as with psql, which keeps it off command lines.
/// </summary>
public sealed record PostgresUrl(string ConnectionString, string? ClusterId)
{
    public static bool IsOne(string text) => MembershipStore.Postgres.Matches(text);

    public static PostgresUrl Parse(string text, Func<string, Exception> bad)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw bad("expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?cluster=NAME]");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length == 0) throw bad("the database name is missing (postgres://USER@HOST:PORT/DATABASE)");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            // Membership is a few small rows; a short timeout turns an unreachable server into a prompt error.
            Timeout = 10,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        string? cluster = null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (name != "cluster") throw bad($"unknown option '{name}' (the only one is cluster=NAME)");
            if (value.Length == 0) throw bad("cluster= needs a name");
            cluster = value;
        }
        return new PostgresUrl(builder.ConnectionString, cluster);
    }

    /// <summary>The URL again, without the password.</summary>
    public static string Display(string connectionString, string clusterId)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var user = string.IsNullOrEmpty(builder.Username) ? "" : Uri.EscapeDataString(builder.Username) + "@";
        return $"postgres://{user}{builder.Host}:{builder.Port}/{Uri.EscapeDataString(builder.Database ?? "")}?cluster={Uri.EscapeDataString(clusterId)}";
    }

    /// <summary><paramref name="text"/> with the password of a postgres URL replaced, for error messages.</summary>
    public static string WithoutPassword(string text)
    {
        if (!IsOne(text)) return text;
        var start = text.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = text.IndexOf('@', start);
        if (at < 0) return text;
        var colon = text.IndexOf(':', start);
        return colon < 0 || colon > at ? text : text[..(colon + 1)] + "***" + text[at..];
    }
}
