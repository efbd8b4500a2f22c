using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Organisations;

internal sealed class OrganisationDomainConfiguration : IEntityTypeConfiguration<OrganisationDomain>
{
    public void Configure(EntityTypeBuilder<OrganisationDomain> b)
    {
        b.Property(d => d.Id).ValueGeneratedNever(); // added through the organisation's Domains: must be an insert
        b.Property(d => d.HostName).HasMaxLength(OrganisationDomain.HostNameMaxLength).UseCollation("NOCASE");
        b.Property(d => d.ThemeColour).HasMaxLength(OrganisationDomain.ThemeColourLength).IsFixedLength();
        b.Property(d => d.LogoUrl).HasMaxLength(OrganisationDomain.LogoUrlMaxLength);
        b.HasOne<Organisation>().WithMany(o => o.Domains).HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        // One organisation per host across the whole portal; the service checks first for a friendly message, this
        // index settles a race between two organisations adding the same host at once.
        b.HasIndex(d => d.HostName).IsUnique();
        b.HasIndex(d => new { d.OrganisationId, d.IsPrimary });
    }
}

internal sealed class OrganisationModuleConfiguration : IEntityTypeConfiguration<OrganisationModule>
{
    public void Configure(EntityTypeBuilder<OrganisationModule> b)
    {
        b.HasKey(m => new { m.OrganisationId, m.ModuleId });
        b.Property(m => m.ModuleId).HasMaxLength(OrganisationModule.ModuleIdMaxLength);
        b.Property(m => m.EnabledById).HasMaxLength(64);
        b.Property(m => m.EnabledBy).HasMaxLength(OrganisationModule.EnabledByMaxLength);
        b.HasOne<Organisation>().WithMany(o => o.Modules).HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        // The organisations list filters by module: "who has trading on" is an index walk.
        b.HasIndex(m => new { m.ModuleId, m.OrganisationId });
    }
}
