namespace Portal.Tests.Support;

/// <summary>
/// A test of something only SQLite has (its FTS5 tables, its file and connection behaviour): skipped, with the reason,
/// when the run is on PostgreSQL. Anything the app does on both providers is a plain <see cref="FactAttribute"/>.
/// </summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string reason)
    {
        if (TestDatabase.IsPostgres) Skip = $"SQLite only: {reason}";
    }
}
