using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.ToTable("Agencies");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Name).HasMaxLength(Agency.NameMaxLength).IgnoringCase();
        b.Property(a => a.Did).HasMaxLength(AgentIdentifiers.DidMaxLength);
        b.Property(a => a.Label).HasMaxLength(Agency.LabelMaxLength);
        b.Property(a => a.ServiceEndpoint).HasMaxLength(Agency.EndpointMaxLength);
        b.Property(a => a.SecretPrefixValue).HasMaxLength(8).HasColumnName("SecretPrefix");
        b.Property(a => a.SecretHash).HasMaxLength(32);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.SecretPrefixValue).IsUnique();
        b.HasIndex(a => new { a.Name, a.Id });
        b.HasIndex(a => a.OrganisationId);
    }
}

internal sealed class AgentConnectionConfiguration : IEntityTypeConfiguration<AgentConnection>
{
    public void Configure(EntityTypeBuilder<AgentConnection> b)
    {
        b.ToTable("AgentConnections");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.AgentId).HasMaxLength(36).IsFixedLength();
        b.Property(c => c.Method).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Did).HasMaxLength(AgentIdentifiers.DidMaxLength);
        b.Property(c => c.Alias).HasMaxLength(AgentIdentifiers.AliasMaxLength);
        b.Property(c => c.Title).HasMaxLength(AgentConnection.TitleMaxLength);
        b.Property(c => c.LinkedDomain).HasMaxLength(AgentIdentifiers.DomainMaxLength);
        b.Property(c => c.InvitationId).HasMaxLength(AgentConnection.InvitationIdMaxLength);
        b.Property(c => c.AbandonReason).HasMaxLength(AgentConnection.ReasonMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.AgentId).IsUnique();
        // Once per agency: a DID (NULLs, connections by alias or domain, do not collide) and an alias.
        b.HasIndex(c => new { c.AgencyId, c.Did }).IsUnique();
        b.HasIndex(c => new { c.AgencyId, c.Alias }).IsUnique();
        // The list: newest first, all agencies or one, by state.
        b.HasIndex(c => new { c.CreatedAt, c.Id });
        b.HasIndex(c => new { c.AgencyId, c.CreatedAt, c.Id });
        b.HasIndex(c => new { c.State, c.CreatedAt, c.Id });
        // ...one agency by state, stage access, and each sort across agencies in exactly its ORDER BY (with the id
        // tie-breaker), so a page walks an index and stops after its rows instead of sorting 500,000 (bench "agents").
        // Sorting by alias within one agency walks the unique (AgencyId, Alias) above.
        b.HasIndex(c => new { c.AgencyId, c.State, c.CreatedAt, c.Id });
        b.HasIndex(c => new { c.StageAccess, c.CreatedAt, c.Id });
        b.HasIndex(c => new { c.Alias, c.Id });
        b.HasIndex(c => new { c.State, c.Id });
        b.HasIndex(c => new { c.LastActivityAt, c.Id });
        b.HasIndex(c => c.Did); // a DID searched across agencies (the list's search, the palette)
    }
}

internal sealed class AgentMessageConfiguration : IEntityTypeConfiguration<AgentMessage>
{
    public void Configure(EntityTypeBuilder<AgentMessage> b)
    {
        b.ToTable("AgentMessages");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Delivery).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Title).HasMaxLength(AgentMessage.TitleMaxLength);
        b.Property(m => m.Body).HasMaxLength(AgentMessage.BodyMaxLength);
        b.Property(m => m.RequestId).HasMaxLength(AgentMessage.RequestIdMaxLength);
        b.Property(m => m.CreatedBy).HasMaxLength(Audit.AuditEntry.ActorMaxLength);
        b.HasOne<AgentConnection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.ConnectionId, m.CreatedAt });
        b.HasIndex(m => new { m.AgencyId, m.Delivery, m.CreatedAt });
    }
}

internal sealed class AgentCredentialConfiguration : IEntityTypeConfiguration<AgentCredential>
{
    public void Configure(EntityTypeBuilder<AgentCredential> b)
    {
        b.ToTable("AgentCredentials");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.SchemaId).HasMaxLength(AgentCredential.SchemaIdMaxLength);
        b.Property(c => c.RequestId).HasMaxLength(AgentMessage.RequestIdMaxLength);
        b.Property(c => c.Delivery).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.IssuedBy).HasMaxLength(Audit.AuditEntry.ActorMaxLength);
        b.Ignore(c => c.Status);
        b.HasOne<AgentConnection>().WithMany().HasForeignKey(c => c.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Attributes).WithOne().HasForeignKey(a => a.CredentialId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.ConnectionId, c.IssuedAt });
        b.HasIndex(c => new { c.AgencyId, c.SchemaId, c.Id });
    }
}

internal sealed class AgentCredentialAttributeConfiguration : IEntityTypeConfiguration<AgentCredentialAttribute>
{
    public void Configure(EntityTypeBuilder<AgentCredentialAttribute> b)
    {
        b.ToTable("AgentCredentialAttributes");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Name).HasMaxLength(AgentCredentialAttribute.NameMaxLength);
        b.Property(a => a.Value).HasMaxLength(AgentCredentialAttribute.ValueMaxLength);
        // By-criteria changes: credentials having an attribute of this name and value.
        b.HasIndex(a => new { a.Name, a.Value, a.CredentialId });
        b.HasIndex(a => a.CredentialId);
    }
}
