using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Audit;

namespace Portal.Domain.Organisations;

internal sealed class ApplicationRequestConfiguration : IEntityTypeConfiguration<ApplicationRequest>
{
    public void Configure(EntityTypeBuilder<ApplicationRequest> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.ShortCode).HasMaxLength(ApplicationRequest.ShortCodeLength);
        b.Property(r => r.Email).HasMaxLength(ApplicationRequest.EmailMaxLength);
        b.Property(r => r.PageLink).HasMaxLength(ApplicationRequest.PageLinkMaxLength);
        b.Property(r => r.Source).HasMaxLength(ApplicationRequest.SourceMaxLength);
        b.Property(r => r.AccessApplicationName).HasMaxLength(ApplicationRequest.AccessApplicationNameMaxLength);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.OwnerName).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(r => r.CompletedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(r => r.DeletedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        // The short code is the request's key outside Portal (the applicant's side completes by it).
        b.HasIndex(r => r.ShortCode).IsUnique();
        // The tab: an organisation's requests newest first (and by date range); the pending check by email; the expiry job.
        b.HasIndex(r => new { r.OrganisationId, r.CreatedAt });
        b.HasIndex(r => new { r.OrganisationId, r.Email, r.State });
        b.HasIndex(r => new { r.State, r.ExpiresAt });
    }
}
