using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Domain.Store;

/// <summary>
/// New rows of one entity written as multi-row <c>INSERT … VALUES (…), (…)</c> statements inside the caller's transaction,
/// without the change tracker: EF's SaveChanges sends one statement a row on SQLite and runs the audit and live-update
/// interceptors per entity, which for a 100,000-row import cost more than the rows. Columns and values come from the EF
/// model (each value through its column's own type mapping, so a Guid, a time or a money column is stored exactly as EF
/// stores it); nothing here names a provider. Not audited and not announced: the caller writes what the trail needs.
/// </summary>
public static class BulkInserts
{
    // Small statements: binding finds each named parameter by a linear search of the statement's names (SQLite, and
    // Microsoft.Data.Sqlite's collection), so a statement's cost grows with the square of its parameters — 100,000 rows
    // in statements of 8,000 took 77 s of a 95 s apply at load 30; 500 a statement (50 rows) keeps that small.
    private const int MaxParametersPerStatement = 500;

    public static async Task<int> InsertAsync<TEntity>(this PortalDbContext db, IReadOnlyCollection<TEntity> rows, CancellationToken ct = default)
        where TEntity : class
    {
        if (rows.Count == 0) return 0;
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entityType.GetFlattenedProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table), Mapping: p.GetRelationalTypeMapping(), Getter: p.GetGetter()))
            .Where(c => c.Column is not null)
            .ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))}) VALUES ";
        var rowsPerStatement = Math.Max(1, MaxParametersPerStatement / columns.Count);

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var written = 0;
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var text = new StringBuilder(head, head.Length + chunk.Length * columns.Count * 8);
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var (property, _, mapping, getter) = columns[c];
                    var name = "@p" + n++;
                    text.Append(c == 0 ? name : ", " + name);
                    command.Parameters.Add(mapping.CreateParameter(command, name, getter.GetClrValueUsingContainingEntity(chunk[r]!), property.IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            written += await command.ExecuteNonQueryAsync(ct);
        }
        return written;
    }
}
