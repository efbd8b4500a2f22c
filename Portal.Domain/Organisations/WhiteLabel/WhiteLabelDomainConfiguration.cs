using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

internal sealed class WhiteLabelDomainConfiguration : IEntityTypeConfiguration<WhiteLabelDomain>
{
    public void Configure(EntityTypeBuilder<WhiteLabelDomain> b)
    {
        b.Property(d => d.Id).ValueGeneratedNever(); // added through the organisation's Domains: must be an insert
        b.Property(d => d.HostName).HasMaxLength(WhiteLabelDomain.HostNameMaxLength).IgnoringCase();
        b.Property(d => d.ThemeColour).HasMaxLength(WhiteLabelDomain.ThemeColourLength).IsFixedLength();
        b.Property(d => d.LogoUrl).HasMaxLength(WhiteLabelDomain.LogoUrlMaxLength);
        b.HasOne<Organisation>().WithMany(o => o.Domains).HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        // One organisation per host across the whole portal; the service checks first for a friendly message, this
        // index settles a race between two organisations adding the same host at once.
        b.HasIndex(d => d.HostName).IsUnique();
        b.HasIndex(d => new { d.OrganisationId, d.IsPrimary });
    }
}
