using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <summary>
    /// Trigram full-text tables for the command palette (see Store/FullTextSearch.cs), built like SearchIndexes': an
    /// organisation found by a member's email or a white-label host anywhere in it.
    /// </summary>
    public partial class PaletteSearch : Migration
    {
        private static readonly (string Table, string Search, string[] Columns)[] Indexes =
        [
            ("OrganisationMember", "OrganisationMemberSearch", ["Email"]),
            ("WhiteLabelDomains", "WhiteLabelDomainSearch", ["HostName"]),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, search, columns) in Indexes)
            {
                var list = string.Join(", ", columns);
                var newValues = string.Join(", ", columns.Select(c => "new." + c));
                var oldValues = string.Join(", ", columns.Select(c => "old." + c));
                migrationBuilder.Sql($"CREATE VIRTUAL TABLE {search} USING fts5({list}, content='{table}', tokenize='trigram');");
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {search}_Insert AFTER INSERT ON {table} BEGIN
                      INSERT INTO {search}(rowid, {list}) VALUES (new.rowid, {newValues});
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {search}_Delete AFTER DELETE ON {table} BEGIN
                      INSERT INTO {search}({search}, rowid, {list}) VALUES ('delete', old.rowid, {oldValues});
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {search}_Update AFTER UPDATE OF {list} ON {table} BEGIN
                      INSERT INTO {search}({search}, rowid, {list}) VALUES ('delete', old.rowid, {oldValues});
                      INSERT INTO {search}(rowid, {list}) VALUES (new.rowid, {newValues});
                    END;
                    """);
                migrationBuilder.Sql($"INSERT INTO {search}({search}) VALUES ('rebuild');");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (_, search, _) in Indexes)
            {
                foreach (var trigger in new[] { "Insert", "Delete", "Update" })
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {search}_{trigger};");
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {search};");
            }
        }
    }
}
