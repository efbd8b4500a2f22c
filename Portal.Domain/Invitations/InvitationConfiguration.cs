using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Audit;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Invitations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.Property(i => i.Id).ValueGeneratedNever();
        b.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.AccountUri).HasMaxLength(Invitation.AccountUriMaxLength);
        b.Property(i => i.Email).HasMaxLength(Invitation.EmailMaxLength);
        b.Property(i => i.FirstName).HasMaxLength(Invitation.NameMaxLength);
        b.Property(i => i.LastName).HasMaxLength(Invitation.NameMaxLength);
        b.Property(i => i.FirstNameKey).HasMaxLength(Invitation.NameMaxLength).ComparedByCodePoint();
        b.Property(i => i.LastNameKey).HasMaxLength(Invitation.NameMaxLength).ComparedByCodePoint();
        b.Property(i => i.NameKey).HasMaxLength(2 * Invitation.NameMaxLength + 1);
        b.Property(i => i.TokenHash).HasMaxLength(Invitation.TokenBytes);
        b.Property(i => i.IdentificationHash).HasMaxLength(Invitation.HashMaxLength);
        b.Property(i => i.SharedSecretHash).HasMaxLength(Invitation.HashMaxLength);
        b.Property(i => i.InviterFullName).HasMaxLength(Invitation.InviterMaxLength);
        b.Property(i => i.CreatedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(i => i.CompletedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(i => i.RevokedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => i.TokenHash).IsUnique();
        // The list: newest first, by state (the work queues), by expiry (expiring soon, the job), by organisation and account.
        // Each sort field with the tie-breaker Id, so a page is read in index order and the sort stops after it.
        b.HasIndex(i => new { i.CreatedAt, i.Id });
        b.HasIndex(i => new { i.ExpiresAt, i.Id });
        b.HasIndex(i => new { i.LastName, i.Id });
        b.HasIndex(i => new { i.VerificationCount, i.Id });
        // And within one state (each state of a multi-state filter is read on its own, in the sort's order).
        b.HasIndex(i => new { i.State, i.CreatedAt, i.Id });
        b.HasIndex(i => new { i.State, i.ExpiresAt, i.Id });
        b.HasIndex(i => new { i.State, i.LastName, i.Id });
        b.HasIndex(i => new { i.State, i.VerificationCount, i.Id });
        b.HasIndex(i => new { i.OrganisationId, i.State, i.CreatedAt });
        b.HasIndex(i => new { i.OrganisationId, i.Email });
        b.HasIndex(i => new { i.AccountUri, i.CreatedAt });
        b.HasIndex(i => i.Email);
        // The name filter: a prefix range on either key (one seek each, the OR merged), the sort's tie-breaker beside it.
        b.HasIndex(i => new { i.FirstNameKey, i.Id });
        b.HasIndex(i => new { i.LastNameKey, i.Id });
        // The suspicious queue: the few locked ones are one seek (the many-verifications half uses (VerificationCount, Id)).
        b.HasIndex(i => new { i.FailedVerifications, i.Id });
        // Verification finds its candidates by name in one seek.
        b.HasIndex(i => i.NameKey);
    }
}

internal sealed class JointOwnerConfiguration : IEntityTypeConfiguration<JointOwner>
{
    public void Configure(EntityTypeBuilder<JointOwner> b)
    {
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.AccountUri).HasMaxLength(Invitation.AccountUriMaxLength);
        b.Property(o => o.Email).HasMaxLength(Invitation.EmailMaxLength);
        b.Property(o => o.FirstName).HasMaxLength(Invitation.NameMaxLength);
        b.Property(o => o.LastName).HasMaxLength(Invitation.NameMaxLength);
        b.Property(o => o.AddedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.HasIndex(o => o.AccountUri);
        b.HasIndex(o => o.InvitationId).IsUnique();
    }
}
