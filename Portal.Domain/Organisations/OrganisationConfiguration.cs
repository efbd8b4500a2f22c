using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Admin;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Id).ValueGeneratedNever(); // ids are made in code (v7), so a new one is never mistaken for a stored one
        b.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IgnoringCase();
        b.Property(o => o.TradingName).HasMaxLength(Organisation.NameMaxLength).IgnoringCase();
        b.Property(o => o.BillingEmail).HasMaxLength(Organisation.EmailMaxLength).IgnoringCase();
        b.Property(o => o.CompanyNumber).HasMaxLength(Organisation.CompanyNumberMaxLength);
        b.Property(o => o.CountryCode).HasMaxLength(2).IsFixedLength();
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.StatusMessage).HasMaxLength(Organisation.StatusMessageMaxLength);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Ignore(o => o.Owner);
        b.HasMany(o => o.Members).WithOne().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(o => o.AccountManagerId).OnDelete(DeleteBehavior.SetNull);
        // The list filters on status and country and sorts by name, date, country or status with the id as
        // tie-breaker: each index is one such "filter, sort, id" path, so a page and its total are index walks, not
        // sorts of 100,000 rows (see bench/README.md, organisations-list).
        b.HasIndex(o => new { o.Name, o.Id });
        b.HasIndex(o => new { o.CreatedAt, o.Id });
        b.HasIndex(o => new { o.CountryCode, o.Id });
        b.HasIndex(o => new { o.Status, o.Id });
        b.HasIndex(o => new { o.Status, o.Name, o.Id });
        b.HasIndex(o => new { o.Status, o.CreatedAt, o.Id });
        b.HasIndex(o => new { o.Status, o.CountryCode, o.Id });
        b.HasIndex(o => new { o.CountryCode, o.Name, o.Id });
        b.HasIndex(o => new { o.CountryCode, o.CreatedAt, o.Id });
        // Totals under several filters at once are counted inside one index, without reading rows.
        b.HasIndex(o => new { o.Status, o.CountryCode, o.IsVetted });
        b.HasIndex(o => new { o.CountryCode, o.IsVetted });
        b.HasIndex(o => new { o.AccountManagerId, o.Name });
        b.HasIndex(o => o.CompanyNumber);
        // The duplicate check (OrganisationDuplicates): the same name in a country, the same billing-email domain.
        b.Property(o => o.NameKey).HasMaxLength(Organisation.NameMaxLength);
        b.Property(o => o.BillingEmailDomain).HasMaxLength(Organisation.EmailMaxLength);
        b.HasIndex(o => new { o.NameKey, o.CountryCode });
        b.HasIndex(o => o.BillingEmailDomain);
    }
}
