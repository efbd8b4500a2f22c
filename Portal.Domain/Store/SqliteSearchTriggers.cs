using Microsoft.EntityFrameworkCore;

namespace Portal.Domain.Store;

/// <summary>
/// SQLite's trigram tables (<see cref="SqliteFullTextSearch"/>) follow their source tables through three triggers each.
/// A migration that rebuilds a searched table — SQLite's only way to add a foreign key or change a column: a new table,
/// the rows copied, the old one dropped — drops those triggers with the old table and may renumber its rowids, after
/// which the search would silently miss new rows and point at wrong ones. So after every migration run, each trigram
/// table whose triggers are missing gets them back and is rebuilt from its rows; with them all present this is one
/// read of <c>sqlite_master</c>. The migrations that created the tables (SearchIndexes, PaletteSearch) stay as written.
/// </summary>
internal static class SqliteSearchTriggers
{
    /// <summary>Each source table, its trigram table and the searched columns (as the migrations created them).</summary>
    internal static readonly (string Table, string Search, string[] Columns)[] Indexes =
    [
        ("Organisations", "OrganisationSearch", ["Name", "TradingName", "BillingEmail", "CompanyNumber"]),
        ("AspNetUsers", "StaffUserSearch", ["DisplayName", "Email"]),
        ("OrganisationMember", "OrganisationMemberSearch", ["Email"]),
        ("WhiteLabelDomains", "WhiteLabelDomainSearch", ["HostName"]),
    ];

    private static readonly string[] Triggers = ["Insert", "Delete", "Update"];

    public static async Task EnsureAsync(PortalDbContext db, CancellationToken ct)
    {
        var present = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger'").ToListAsync(ct);
        foreach (var (table, search, columns) in Indexes)
        {
            if (Triggers.All(t => present.Contains($"{search}_{t}"))) continue;
            await db.Database.ExecuteSqlRawAsync(Script(table, search, columns), ct);
        }
    }

    /// <summary>The triggers (each replaced, so a half-present set is made whole) and a rebuild of the index from the rows.</summary>
    private static string Script(string table, string search, string[] columns)
    {
        var list = string.Join(", ", columns);
        var newValues = string.Join(", ", columns.Select(c => "new." + c));
        var oldValues = string.Join(", ", columns.Select(c => "old." + c));
        return $"""
            DROP TRIGGER IF EXISTS {search}_Insert;
            DROP TRIGGER IF EXISTS {search}_Delete;
            DROP TRIGGER IF EXISTS {search}_Update;
            CREATE TRIGGER {search}_Insert AFTER INSERT ON {table} BEGIN
              INSERT INTO {search}(rowid, {list}) VALUES (new.rowid, {newValues});
            END;
            CREATE TRIGGER {search}_Delete AFTER DELETE ON {table} BEGIN
              INSERT INTO {search}({search}, rowid, {list}) VALUES ('delete', old.rowid, {oldValues});
            END;
            CREATE TRIGGER {search}_Update AFTER UPDATE OF {list} ON {table} BEGIN
              INSERT INTO {search}({search}, rowid, {list}) VALUES ('delete', old.rowid, {oldValues});
              INSERT INTO {search}(rowid, {list}) VALUES (new.rowid, {newValues});
            END;
            INSERT INTO {search}({search}) VALUES ('rebuild');
            """;
    }
}
