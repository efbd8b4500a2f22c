using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Organisations;

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
