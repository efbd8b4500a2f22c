using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

internal sealed class OrganisationAddressConfiguration : IEntityTypeConfiguration<OrganisationAddress>
{
    public void Configure(EntityTypeBuilder<OrganisationAddress> b)
    {
        b.Property(a => a.Id).ValueGeneratedNever(); // added through the organisation: must be an insert, not an update
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Label).HasMaxLength(OrganisationAddress.LabelMaxLength);
        b.Property(a => a.Attention).HasMaxLength(OrganisationAddress.AttentionMaxLength);
        b.Property(a => a.Line1).HasMaxLength(PostalAddress.LineMaxLength);
        b.Property(a => a.Line2).HasMaxLength(PostalAddress.LineMaxLength);
        b.Property(a => a.City).HasMaxLength(PostalAddress.CityMaxLength);
        b.Property(a => a.Region).HasMaxLength(PostalAddress.RegionMaxLength);
        b.Property(a => a.Postcode).HasMaxLength(PostalAddress.PostcodeMaxLength);
        b.Property(a => a.CountryCode).HasMaxLength(2).IsFixedLength();
        b.HasOne<Organisation>().WithMany(o => o.Addresses).HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.OrganisationId, a.Kind, a.IsPrimary });
    }
}

internal sealed class OrganisationPhoneNumberConfiguration : IEntityTypeConfiguration<OrganisationPhoneNumber>
{
    public void Configure(EntityTypeBuilder<OrganisationPhoneNumber> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Label).HasMaxLength(OrganisationPhoneNumber.LabelMaxLength);
        b.Property(p => p.Number).HasMaxLength(OrganisationPhoneNumber.NumberMaxLength);
        b.HasOne<Organisation>().WithMany(o => o.PhoneNumbers).HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.OrganisationId, p.Number }).IsUnique();
    }
}

internal sealed class OrganisationVatNumberConfiguration : IEntityTypeConfiguration<OrganisationVatNumber>
{
    public void Configure(EntityTypeBuilder<OrganisationVatNumber> b)
    {
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.CountryCode).HasMaxLength(2).IsFixedLength();
        b.Property(v => v.Number).HasMaxLength(OrganisationVatNumber.NumberMaxLength);
        b.Property(v => v.State).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.CheckedBy).HasMaxLength(OrganisationVatNumber.CheckedByMaxLength);
        b.Property(v => v.RegisteredName).HasMaxLength(OrganisationVatNumber.RegisteredNameMaxLength);
        b.HasOne<Organisation>().WithMany(o => o.VatNumbers).HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.OrganisationId, v.Number }).IsUnique();
        b.HasIndex(v => v.Number); // "who else uses this VAT number?"
    }
}
