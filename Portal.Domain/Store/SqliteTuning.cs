using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Domain.Invitations;

namespace Portal.Domain.Store;

/// <summary>
/// Per-connection SQLite settings: a 32 MB page cache (the default 2 MB cannot hold a 100,000-row list's indexes, so
/// every scan went back to the OS), memory-mapped reads, and <c>synchronous = NORMAL</c>: a per-connection setting, so
/// the one the migration sets applied to that connection only and every pooled connection synced the WAL on each commit
/// (FULL), a disk flush inside every pick. In WAL mode NORMAL loses no committed transaction when the process dies,
/// only (on a power cut) the last ones before the OS wrote them; the file stays sound. Pooled connections keep all three;
/// setting them is microseconds. Also <c>portal_fold_name</c>, a name folded as invitation verification compares it
/// (<see cref="InvitationSecrets.NormalizeName"/>), for the migration that keys the names already stored (SQLite's SQL
/// cannot remove accents).
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    public static readonly SqliteTuning Instance = new();

    private const string Pragmas = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AddFunctions(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddFunctions(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
            sqlite.CreateFunction("portal_fold_name", (string? name) => name is null ? null : InvitationSecrets.NormalizeName(name), isDeterministic: true);
    }

    private static void Apply(DbConnection connection)
    {
        AddFunctions(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
