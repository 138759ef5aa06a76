using Npgsql;

namespace EvoMerge.Farm.Cluster.Postgres;

/// <summary>
/// Makes sure a PostgreSQL database holds what Orleans' ADO.NET membership needs (membership.sql beside this
/// file: two tables and the statements the provider reads by key), creating what is missing in one
/// transaction. Several processes may start at once, so creation runs under an advisory lock.
/// </summary>
public static class PostgresMembershipSchema
{
    /// <summary>The statement keys Orleans' ADO.NET membership provider reads.</summary>
    public static readonly IReadOnlyList<string> QueryKeys =
    [
        "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    // Any fixed number: it only has to be the same in every EvoMerge process.
    const long CreationLock = 0x45766f4d65726765;

    /// <summary>Creates the membership tables and statements where missing; a <see cref="FarmSetupException"/> saying what to do otherwise.</summary>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await IsCompleteAsync(connection, null, cancellationToken).ConfigureAwait(false)) return;
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CreationLock})", connection, transaction))
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (!await IsCompleteAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                await using var create = new NpgsqlCommand(Script(), connection, transaction);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error)
        {
            throw new FarmSetupException(Explain(error, settings));
        }
        catch (NpgsqlException error)
        {
            throw new FarmSetupException($"cannot reach PostgreSQL at {settings.Host}:{settings.Port} (database {settings.Database}): "
                + $"{error.InnerException?.Message ?? error.Message}. Check the address and port, that the server listens there "
                + "(listen_addresses in postgresql.conf) and that a firewall lets the connection through.");
        }
    }

    static async Task<bool> IsCompleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        const string tables = "SELECT to_regclass('orleansquery') IS NOT NULL AND to_regclass('orleansmembershiptable') IS NOT NULL "
            + "AND to_regclass('orleansmembershipversiontable') IS NOT NULL";
        await using (var command = new NpgsqlCommand(tables, connection, transaction))
        {
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true) return false;
        }
        await using var keys = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery WHERE QueryKey = ANY(@keys)", connection, transaction);
        keys.Parameters.AddWithValue("keys", QueryKeys.ToArray());
        return Convert.ToInt64(await keys.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == QueryKeys.Count;
    }

    static string Script()
    {
        using var stream = typeof(PostgresMembershipSchema).Assembly.GetManifestResourceStream("EvoMerge.Farm.Cluster.Postgres.membership.sql")
            ?? throw new InvalidOperationException("membership.sql is not embedded in EvoMerge.Farm (see its .csproj).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static string Explain(PostgresException error, NpgsqlConnectionStringBuilder settings)
    {
        var where = $"PostgreSQL at {settings.Host}:{settings.Port}";
        return error.SqlState switch
        {
            "28P01" or "28000" => $"{where} refused user '{settings.Username}' ({error.MessageText}): check the user and its password "
                + "(in the URL, PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf entry for this machine.",
            "3D000" => $"{where} has no database '{settings.Database}': create it (createdb {settings.Database}) or name another one in the URL.",
            "42501" => $"user '{settings.Username}' may not create the farm's membership tables in database '{settings.Database}' "
                + $"({error.MessageText}): start the coordinator once as a user who may (for instance the database owner), or "
                + $"GRANT CREATE ON SCHEMA public TO {settings.Username}.",
            _ => $"{where}, database '{settings.Database}': {error.MessageText} (SQLSTATE {error.SqlState}).",
        };
    }
}
