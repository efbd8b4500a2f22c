namespace Portal.Tests.Support;

/// <summary>
/// A test of something only PostgreSQL does (its execution strategy retrying a transaction that lost a race): skipped,
/// with the reason, when the run is on SQLite. Anything the app does on both providers is a plain <see cref="FactAttribute"/>.
/// </summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute(string reason)
    {
        if (!TestDatabase.IsPostgres) Skip = $"PostgreSQL only: {reason}";
    }
}
