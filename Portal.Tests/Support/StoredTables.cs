using System.Data.Common;

namespace Portal.Tests.Support;

/// <summary>The tables of the test's store, read from the database's own catalogue (so nothing the model forgot is missed).</summary>
public static class StoredTables
{
    public static async Task<List<string>> NamesAsync(DbConnection connection)
    {
        await using var list = connection.CreateCommand();
        list.CommandText = TestDatabase.IsPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}
