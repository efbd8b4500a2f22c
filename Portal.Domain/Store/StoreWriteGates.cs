using Microsoft.EntityFrameworkCore;

namespace Portal.Domain.Store;

/// <summary>
/// In-process gates that writers of one record queue on before their transaction, so that waiting for the database's
/// lock costs an async wait instead of the provider's retry loop. SQLite has one writer for the whole file and
/// Microsoft.Data.Sqlite retries a busy write in 150 ms sleeps, so every gated write shares one gate there (picks on two
/// lists otherwise slept behind each other: 150-800 ms tails and a lower rate); PostgreSQL locks rows, so writes of
/// different records proceed together and the gates are striped by key. The database lock is still what makes a write
/// safe (across instances too); a gate only makes waiting cheap within one.
/// </summary>
public static class StoreWriteGates
{
    private static readonly SemaphoreSlim WholeFile = new(1, 1);
    private static readonly SemaphoreSlim[] ByKey = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public static SemaphoreSlim For(PortalDbContext db, Guid key) =>
        db.Database.IsSqlite() ? WholeFile : ByKey[(key.GetHashCode() & int.MaxValue) % ByKey.Length];
}
