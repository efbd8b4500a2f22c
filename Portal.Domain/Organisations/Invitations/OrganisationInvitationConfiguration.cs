using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Audit;

namespace Portal.Domain.Organisations;

internal sealed class OrganisationInvitationConfiguration : IEntityTypeConfiguration<OrganisationInvitation>
{
    public void Configure(EntityTypeBuilder<OrganisationInvitation> b)
    {
        b.Property(i => i.Id).ValueGeneratedNever();
        b.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(i => i.Email).HasMaxLength(Organisation.EmailMaxLength);
        b.Property(i => i.GivenName).HasMaxLength(OrganisationMember.NameMaxLength);
        b.Property(i => i.FamilyName).HasMaxLength(OrganisationMember.NameMaxLength);
        b.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.TokenHash).HasMaxLength(OrganisationInvitation.TokenBytes);
        b.Property(i => i.InvitedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(i => i.RevokedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => new { i.OrganisationId, i.Status, i.CreatedAt });
        b.HasIndex(i => new { i.OrganisationId, i.Email });
    }
}
