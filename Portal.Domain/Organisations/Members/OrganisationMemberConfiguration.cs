using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Admin;

namespace Portal.Domain.Organisations;

internal sealed class OrganisationMemberConfiguration : IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<OrganisationMember> b)
    {
        b.Property(m => m.Id).ValueGeneratedNever(); // added through the organisation's Members: must be an insert, not an update
        b.Property(m => m.Email).HasMaxLength(Organisation.EmailMaxLength);
        b.Property(m => m.GivenName).HasMaxLength(OrganisationMember.NameMaxLength);
        b.Property(m => m.FamilyName).HasMaxLength(OrganisationMember.NameMaxLength);
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        b.Ignore(m => m.FullName);
        b.HasIndex(m => new { m.OrganisationId, m.Email }).IsUnique();
        b.HasIndex(m => m.Email);
    }
}
