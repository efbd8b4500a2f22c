using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
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
    public DbSet<OrganisationInvitation> OrganisationInvitations => Set<OrganisationInvitation>();
    public DbSet<WhiteLabelDomain> WhiteLabelDomains => Set<WhiteLabelDomain>();
    public DbSet<OrganisationModule> OrganisationModules => Set<OrganisationModule>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset as text; as a binary long it sorts and compares in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

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
        catch (DbUpdateConcurrencyException ex) when (ex.Entries.FirstOrDefault()?.Entity is IVersioned versioned)
        {
            var entry = ex.Entries[0];
            var expected = (long)entry.Property(nameof(IVersioned.Version)).OriginalValue!;
            var current = await entry.GetDatabaseValuesAsync(cancellationToken);
            var id = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue).First()!;
            throw new ConcurrencyException(entry.Metadata.ClrType.Name, id, expected,
                current is null ? -1 : (long)current[nameof(IVersioned.Version)]!);
        }
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Added) entry.Entity.Version = 1;
            else if (entry.State == EntityState.Modified) entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
        }
    }
}
