using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

internal sealed class BusinessUnitConfiguration : IEntityTypeConfiguration<BusinessUnit>
{
    public void Configure(EntityTypeBuilder<BusinessUnit> b)
    {
        b.ToTable("BusinessUnits");
        b.Property(u => u.Id).ValueGeneratedNever();
        b.Property(u => u.Name).HasMaxLength(BusinessUnit.NameMaxLength).IgnoringCase();
        b.Property(u => u.BusinessName).HasMaxLength(BusinessUnit.NameMaxLength);
        b.Property(u => u.Line1).HasMaxLength(PostalAddress.LineMaxLength);
        b.Property(u => u.Line2).HasMaxLength(PostalAddress.LineMaxLength);
        b.Property(u => u.City).HasMaxLength(PostalAddress.CityMaxLength);
        b.Property(u => u.Region).HasMaxLength(PostalAddress.RegionMaxLength);
        b.Property(u => u.Postcode).HasMaxLength(PostalAddress.PostcodeMaxLength);
        b.Property(u => u.CountryCode).HasMaxLength(2).IsFixedLength();
        b.Property(u => u.What3Words).HasMaxLength(BusinessUnit.What3WordsMaxLength);
        b.Property(u => u.Phone).HasMaxLength(BusinessUnit.PhoneMaxLength);
        b.Property(u => u.Email).HasMaxLength(BusinessUnit.EmailMaxLength);
        b.Property(u => u.Tags).HasMaxLength(BusinessUnit.TagsMaxLength).IgnoringCase();
        b.Property(u => u.LocationTag).HasMaxLength(BusinessUnit.TagMaxLength);
        b.Property(u => u.ManagementTag).HasMaxLength(BusinessUnit.TagMaxLength);
        b.Property(u => u.AssuranceScheme).HasMaxLength(BusinessUnit.SchemeMaxLength);
        b.Property(u => u.HoldingNumber).HasMaxLength(BusinessUnit.HoldingNumberMaxLength);
        b.Property(u => u.SqcNumber).HasMaxLength(BusinessUnit.SqcNumberMaxLength);
        b.Property(u => u.Type).HasConversion<string>().HasMaxLength(10);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.Ignore(u => u.TagList);
        b.Ignore(u => u.IsArchived);
        b.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<BusinessUnit>().WithMany().HasForeignKey(u => u.ParentRegionId).OnDelete(DeleteBehavior.Restrict);
        // The list's default view (in use, by name) and each filter with the default sort after it.
        b.HasIndex(u => new { u.ArchivedAt, u.Name, u.Id });
        b.HasIndex(u => new { u.OrganisationId, u.Name, u.Id });
        b.HasIndex(u => new { u.Type, u.Name, u.Id });
        b.HasIndex(u => new { u.CountryCode, u.Name, u.Id });
        // The list's other sorts over the units in use (bench: a sort of 200,000 rows otherwise); a filter on a common
        // type walks these too and stops at the page (BusinessConnectionsPlanTests).
        b.HasIndex(u => new { u.ArchivedAt, u.CreatedAt, u.Id });
        b.HasIndex(u => new { u.ArchivedAt, u.Postcode, u.Id });
        b.HasIndex(u => new { u.ArchivedAt, u.Type, u.Id });
        b.HasIndex(u => u.HoldingNumber);
        b.HasIndex(u => u.Postcode);
        b.HasIndex(u => u.ParentRegionId);
    }
}

internal sealed class AssuranceCertificateConfiguration : IEntityTypeConfiguration<AssuranceCertificate>
{
    public void Configure(EntityTypeBuilder<AssuranceCertificate> b)
    {
        b.ToTable("AssuranceCertificates");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Scheme).HasMaxLength(BusinessUnit.SchemeMaxLength);
        b.Property(c => c.Identifier).HasMaxLength(AssuranceCertificate.IdentifierMaxLength);
        b.Property(c => c.Enterprises).HasMaxLength(AssuranceCertificate.EnterprisesMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Sites).WithOne().HasForeignKey(s => s.CertificateId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<BusinessUnit>().WithMany().HasForeignKey(c => c.BusinessUnitId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.Scheme, c.Identifier }).IsUnique();
        // Status is a range of the expiry: the work queue and the status filter read this index.
        b.HasIndex(c => new { c.ExpiresAt, c.Id });
        b.HasIndex(c => new { c.BusinessUnitId, c.ExpiresAt });
    }
}

internal sealed class CertifiedSiteConfiguration : IEntityTypeConfiguration<CertifiedSite>
{
    public void Configure(EntityTypeBuilder<CertifiedSite> b)
    {
        b.ToTable("CertifiedSites");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.IdentifierType).HasMaxLength(CertifiedSite.IdentifierTypeMaxLength);
        b.Property(s => s.Identifier).HasMaxLength(BusinessUnit.HoldingNumberMaxLength);
        b.Property(s => s.SiteName).HasMaxLength(BusinessUnit.NameMaxLength);
        b.Property(s => s.Address).HasMaxLength(PostalAddress.LineMaxLength);
        b.Property(s => s.Postcode).HasMaxLength(PostalAddress.PostcodeMaxLength);
        b.Property(s => s.CountryCode).HasMaxLength(2).IsFixedLength();
        b.HasIndex(s => new { s.CountryCode, s.Identifier });
        b.HasIndex(s => new { s.CountryCode, s.Postcode });
    }
}

internal sealed class BusinessConnectionConfiguration : IEntityTypeConfiguration<BusinessConnection>
{
    public void Configure(EntityTypeBuilder<BusinessConnection> b)
    {
        b.ToTable("BusinessConnections");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Notes).HasMaxLength(BusinessConnection.NotesMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.FromOrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.ToOrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Contacts).WithOne().HasForeignKey(x => x.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        // One open connection per direction; ended ones stay beside a newer one.
        b.HasIndex(c => new { c.FromOrganisationId, c.ToOrganisationId }).IsUnique().HasFilter("\"EndedAt\" IS NULL");
        b.HasIndex(c => new { c.ToOrganisationId, c.FromOrganisationId });
        b.HasIndex(c => new { c.EndedAt, c.CreatedAt, c.Id });
    }
}

internal sealed class BusinessConnectionContactConfiguration : IEntityTypeConfiguration<BusinessConnectionContact>
{
    public void Configure(EntityTypeBuilder<BusinessConnectionContact> b)
    {
        b.ToTable("BusinessConnectionContacts");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasOne<OrganisationMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ConnectionId, x.MemberId }).IsUnique();
        b.HasIndex(x => x.MemberId);
    }
}
