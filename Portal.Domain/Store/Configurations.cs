using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Outbox;

namespace Portal.Domain.Store;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(u => u.Email).HasMaxLength(StaffUser.EmailMaxLength);
        b.Property(u => u.DisplayName).HasMaxLength(StaffUser.DisplayNameMaxLength).IgnoringCase();
        b.Property(u => u.Version).IsConcurrencyToken();
        // The staff-user list pages 50 rows sorted by name, newest or email, with a contains-search on email and name.
        // Each sort has an index in exactly its ORDER BY (sort column, then Id as the tie-breaker) that also carries
        // Email and DisplayName, so the search is checked inside the index and SQLite never reads a whole table row
        // for a user it then skips (measured in bench/run.sh staff-users-list, see bench/README.md).
        b.HasIndex(u => new { u.DisplayName, u.Id, u.Email });
        b.HasIndex(u => new { u.CreatedAt, u.Id, u.Email, u.DisplayName }).IsDescending(true, false, false, false);
        b.HasIndex(u => new { u.NormalizedEmail, u.Id, u.Email, u.DisplayName });
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<Guid>>
{
    // Covering (RoleId, UserId) instead of Identity's RoleId-only index: "users with role X" is answered from the index alone.
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> b) => b.HasIndex(r => new { r.RoleId, r.UserId });
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> b) =>
        b.HasData(RoleIds.ByName.Select(r => new IdentityRole<Guid>
        {
            Id = r.Value, Name = r.Key, NormalizedName = r.Key.ToUpperInvariant(), ConcurrencyStamp = r.Value.ToString(),
        }));
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IgnoringCase();
        b.Property(k => k.Role).HasMaxLength(20);
        b.Property(k => k.Prefix).HasMaxLength(8);
        b.Property(k => k.CreatedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(k => k.Version).IsConcurrencyToken();
        b.HasIndex(k => k.Prefix).IsUnique();
        b.HasIndex(k => k.Name);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(a => a.ActorId).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.AggregateId).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(32);
        b.Property(a => a.CorrelationId).HasMaxLength(64);
        b.Property(a => a.SecurityEvent).HasMaxLength(SecurityEvents.KindMaxLength);
        b.Property(a => a.ClientAddress).HasMaxLength(RequestOrigin.AddressMaxLength);
        b.Property(a => a.UserAgent).HasMaxLength(RequestOrigin.UserAgentMaxLength);
        b.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        b.HasIndex(a => new { a.SecurityEvent, a.At }); // the audit page's security-events filter, newest first
        b.HasIndex(a => new { a.AggregateId, a.At });
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.Actor);
    }
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.Property(o => o.To).HasMaxLength(OutboxEmail.AddressMaxLength);
        b.Property(o => o.Subject).HasMaxLength(OutboxEmail.SubjectMaxLength);
        b.Property(o => o.LastError).HasMaxLength(1000);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(o => new { o.Status, o.NextAttemptAt });
        b.HasIndex(o => o.CreatedAt);
        b.Property(o => o.ProtectedSecret).HasMaxLength(2000);
        b.HasIndex(o => o.SecretOwnerId);
    }
}
