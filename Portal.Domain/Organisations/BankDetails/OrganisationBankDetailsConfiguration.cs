using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Audit;

namespace Portal.Domain.Organisations;

internal sealed class OrganisationBankDetailsConfiguration : IEntityTypeConfiguration<OrganisationBankDetails>
{
    public void Configure(EntityTypeBuilder<OrganisationBankDetails> b)
    {
        b.HasKey(d => d.OrganisationId);
        b.Property(d => d.OrganisationId).ValueGeneratedNever();
        b.HasOne<Organisation>().WithOne().HasForeignKey<OrganisationBankDetails>(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(d => d.AccountHolderName).HasMaxLength(OrganisationBankDetails.AccountHolderNameMaxLength);
        b.Property(d => d.BankName).HasMaxLength(OrganisationBankDetails.BankNameMaxLength);
        b.Property(d => d.ProtectedSortCode).HasMaxLength(OrganisationBankDetails.ProtectedMaxLength);
        b.Property(d => d.ProtectedAccountNumber).HasMaxLength(OrganisationBankDetails.ProtectedMaxLength);
        b.Property(d => d.UpdatedBy).HasMaxLength(AuditEntry.ActorMaxLength);
    }
}
