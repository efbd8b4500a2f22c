using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Organisations;

namespace Portal.Domain.Billing;

internal sealed class BillingAccountConfiguration : IEntityTypeConfiguration<BillingAccount>
{
    public void Configure(EntityTypeBuilder<BillingAccount> b)
    {
        b.ToTable("BillingAccounts");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.Default);
        b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.PaymentMethods).WithOne().HasForeignKey(p => p.BillingAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.OrganisationId).IsUnique();
    }
}

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> b)
    {
        b.ToTable("PaymentMethods");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Brand).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Last4).HasMaxLength(4).IsFixedLength();
        b.Property(p => p.HolderName).HasMaxLength(PaymentMethod.HolderNameMaxLength);
        b.Ignore(p => p.ValidUntil);
        b.Ignore(p => p.Display);
        b.HasIndex(p => p.BillingAccountId);
    }
}
