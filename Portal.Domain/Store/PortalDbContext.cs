using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Domain.SavedViews;

namespace Portal.Domain.Store;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring lives with the data, so every instance (and a restart) can read what another encrypted.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<OrganisationBankDetails> OrganisationBankDetails => Set<OrganisationBankDetails>();
    public DbSet<Invitations.Invitation> Invitations => Set<Invitations.Invitation>();
    public DbSet<Invitations.JointOwner> JointOwners => Set<Invitations.JointOwner>();
    public DbSet<WhiteLabelDomain> WhiteLabelDomains => Set<WhiteLabelDomain>();
    public DbSet<OrganisationModule> OrganisationModules => Set<OrganisationModule>();
    public DbSet<ApplicationRequest> ApplicationRequests => Set<ApplicationRequest>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        StoreModel.Apply(builder, Database);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        StoreModel.ConfigureConventions(configurationBuilder, Database);

    /// <summary>Only Data Protection's key store saves synchronously; it has no versioned entities.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>Bumps <see cref="IVersioned.Version"/> of every changed aggregate and turns a lost race into a <see cref="ConcurrencyException"/>.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex) when (VersionedEntryOf(ex) is { } entry)
        {
            var expected = (long)entry.Property(nameof(IVersioned.Version)).OriginalValue!;
            var current = await entry.GetDatabaseValuesAsync(cancellationToken);
            var id = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue).First()!;
            throw new ConcurrencyException(entry.Metadata.ClrType.Name, id, expected,
                current is null ? -1 : (long)current[nameof(IVersioned.Version)]!);
        }
    }

    /// <summary>The aggregate a lost race is told against: the versioned row itself, or the aggregate of a part (a part deleted meanwhile).</summary>
    private EntityEntry? VersionedEntryOf(DbUpdateConcurrencyException ex) => ex.Entries.FirstOrDefault() is { } entry
        ? entry.Entity switch
        {
            IVersioned => entry,
            IAggregatePart part => TrackedAggregates(ChangeTracker.Entries()).GetValueOrDefault(part.AggregateId),
            _ => null,
        }
        : null;

    private void BumpVersions()
    {
        var entries = ChangeTracker.Entries().ToList(); // one DetectChanges for the whole save
        MoveAggregatesOfChangedParts(entries);
        foreach (var entry in entries)
        {
            if (entry.Entity is not IVersioned versioned) continue;
            if (entry.State == EntityState.Added) versioned.Version = 1;
            else if (entry.State == EntityState.Modified) versioned.Version = (long)entry.Property(nameof(IVersioned.Version)).OriginalValue! + 1;
        }
    }

    /// <summary>
    /// A part that is added, changed or removed moves its aggregate's version (<see cref="IAggregatePart"/>): the tracked
    /// aggregate is marked modified, so <see cref="BumpVersions"/> moves it and EF checks the original. An aggregate that
    /// is not tracked is a mistake of the caller: loading it here would check a version nobody read.
    /// </summary>
    private static void MoveAggregatesOfChangedParts(IReadOnlyList<EntityEntry> entries)
    {
        var changed = entries.Where(e => e.Entity is IAggregatePart && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Count == 0) return;
        var aggregates = TrackedAggregates(entries);
        foreach (var part in changed)
        {
            var aggregateId = ((IAggregatePart)part.Entity).AggregateId;
            if (!aggregates.TryGetValue(aggregateId, out var aggregate))
                throw new InvalidOperationException(
                    $"A {part.Metadata.ClrType.Name} of {aggregateId} was changed without its aggregate: load the aggregate for the " +
                    "change in the same context (at the version the caller read), so its version moves and is checked.");
            // An aggregate added or deleted with its parts needs nothing more; an unchanged one is marked modified through
            // its version alone, so no other column is written (or audited).
            if (aggregate.State == EntityState.Unchanged) aggregate.Property(nameof(IVersioned.Version)).IsModified = true;
        }
    }

    /// <summary>The tracked aggregates by id (ids are version-7 GUIDs, unique across tables).</summary>
    private static Dictionary<Guid, EntityEntry> TrackedAggregates(IEnumerable<EntityEntry> entries)
    {
        var byId = new Dictionary<Guid, EntityEntry>();
        foreach (var entry in entries)
            if (entry.Entity is IVersioned && entry.Metadata.FindPrimaryKey()?.Properties is [var key] && entry.Property(key.Name).CurrentValue is Guid id)
                byId.TryAdd(id, entry);
        return byId;
    }
}
