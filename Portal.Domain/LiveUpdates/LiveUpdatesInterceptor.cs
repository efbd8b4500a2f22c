using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Portal.Domain.Common;

namespace Portal.Domain.LiveUpdates;

/// <summary>
/// The one place that publishes live updates: every save of an aggregate (<see cref="IVersioned"/>) or of a record filed
/// under one (<see cref="IFiledUnderAggregate"/>; a part is told through its aggregate, whose version it moves) becomes a
/// <see cref="LiveUpdate"/>, so no service calls the bus. Updates leave only for a save that committed: with the save's own
/// transaction on a transport that can (PostgreSQL NOTIFY), or else held until the explicit transaction commits and
/// dropped when it does not. More than <see cref="ManyAt"/> records of one kind in one save are one update of the kind.
/// </summary>
public sealed class LiveUpdatesInterceptor(ICurrentUser user, ILiveUpdateTransport transport, ILogger<LiveUpdatesInterceptor> log)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Past this many records of one kind in one save (a bulk change, an import batch), one "many changed" update is sent.</summary>
    public const int ManyAt = 50;

    // Per context: the updates of the save under way, then those waiting for the transaction to commit.
    private sealed class Pending
    {
        public List<LiveUpdate>? Saving;
        public List<LiveUpdate> Committing { get; } = [];
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) _pending.GetOrCreateValue(db).Saving = Describe(db.ChangeTracker.Entries());
        return ValueTask.FromResult(result);
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || !_pending.TryGetValue(db, out var pending) || pending.Saving is not { Count: > 0 } updates) return result;
        pending.Saving = null;
        var inTransaction = db.Database.CurrentTransaction is not null;
        if (transport.SendsInTransaction)
        {
            // In the explicit transaction, a failed send fails the transaction (it would have rolled back the notice too).
            if (inTransaction) await transport.SendWithSaveAsync(db, updates, cancellationToken);
            else await SendCommittedAsync(() => transport.SendWithSaveAsync(db, updates, cancellationToken));
        }
        else if (inTransaction) pending.Committing.AddRange(updates);
        else await SendCommittedAsync(() => transport.SendAsync(updates, cancellationToken));
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending)) pending.Saving = null;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    // A new transaction starts with nothing held: a retried attempt (PostgreSQL's execution strategy) or a transaction
    // disposed without a commit leaves its updates behind.
    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Drop(eventData.Context);
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || !_pending.TryGetValue(db, out var pending) || pending.Committing.Count == 0) return;
        var updates = pending.Committing.ToList();
        pending.Committing.Clear();
        await SendCommittedAsync(() => transport.SendAsync(updates, cancellationToken));
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Drop(DbContext? db)
    {
        if (db is not null && _pending.TryGetValue(db, out var pending)) pending.Committing.Clear();
    }

    /// <summary>The change is in the database: a notice that fails to leave is logged, not turned into a failed save.</summary>
    private async Task SendCommittedAsync(Func<Task> send)
    {
        try { await send(); }
        catch (Exception ex) when (ex is not OperationCanceledException) { log.LogWarning(ex, "A live update of a committed save was not sent."); }
    }

    private List<LiveUpdate> Describe(IEnumerable<EntityEntry> entries)
    {
        var updates = new List<LiveUpdate>();
        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is IAggregatePart || entry.Entity is not (IVersioned or IFiledUnderAggregate)) continue;
            if (entry.Metadata.FindPrimaryKey()?.Properties is not [var key]) continue;
            updates.Add(new LiveUpdate
            {
                Kind = entry.Metadata.ClrType.Name,
                Id = entry.Property(key.Name).CurrentValue?.ToString(),
                AggregateId = (entry.Entity as IFiledUnderAggregate)?.AggregateId.ToString(),
                Change = entry.State switch { EntityState.Added => LiveChange.Created, EntityState.Deleted => LiveChange.Deleted, _ => LiveChange.Updated },
                Version = (entry.Entity as IVersioned)?.Version,
                ActorId = user.Id,
                Actor = user.ActorName,
            });
        }
        return updates.Count <= ManyAt ? updates : [.. updates.GroupBy(u => u.Kind).SelectMany(Coalesce)];
    }

    private IEnumerable<LiveUpdate> Coalesce(IGrouping<string, LiveUpdate> ofKind) =>
        ofKind.Count() <= ManyAt ? ofKind : [new LiveUpdate { Kind = ofKind.Key, ActorId = user.Id, Actor = user.ActorName }];
}
