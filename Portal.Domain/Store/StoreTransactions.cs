using System.Data;
using Microsoft.EntityFrameworkCore;

namespace Portal.Domain.Store;

/// <summary>Explicit transactions that work on every provider.</summary>
public static class StoreTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction through the provider's execution strategy. PostgreSQL retries
    /// transient failures (a serializable transaction that lost a race, a dropped connection), which it can only do for
    /// a whole transaction: each attempt starts with an empty change tracker, so <paramref name="work"/> must load what
    /// it changes. SQLite runs it once.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this PortalDbContext db, Func<CancellationToken, Task<T>> work,
        IsolationLevel isolation = IsolationLevel.Unspecified, CancellationToken ct = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async attemptCt =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(isolation, attemptCt);
            var result = await work(attemptCt);
            await transaction.CommitAsync(attemptCt);
            return result;
        }, ct);

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public static Task InTransactionAsync(this PortalDbContext db, Func<CancellationToken, Task> work,
        IsolationLevel isolation = IsolationLevel.Unspecified, CancellationToken ct = default) =>
        db.InTransactionAsync(async attemptCt => { await work(attemptCt); return true; }, isolation, ct);
}
