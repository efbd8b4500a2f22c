using Portal.Domain.Common;

namespace Portal.Domain.AgentConnections;

/// <summary>The two status lists of the spec (§1.6): revocation and suspension.</summary>
public enum CredentialPurpose { Revocation, Suspension }

/// <summary>What a credential's status lists say, worst first: revoked, then suspended, else active.</summary>
public enum CredentialStatus { Active, Suspended, Revoked }

/// <summary>
/// A credential the agency issued to a connection: a schema and its attributes. Revocation and suspension are separate
/// lists (spec §3.4): a credential may be on both; unrevoking takes it off the one named, so a revoked credential can be
/// restored. Queued for the agency's systems to deliver, like messages. Filed under the connection's History.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class AgentCredential : IFiledUnderAggregate
{
    public const int SchemaIdMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AgencyId { get; init; }
    public Guid ConnectionId { get; init; }
    public required string SchemaId { get; init; }
    public string? RequestId { get; init; }
    public List<AgentCredentialAttribute> Attributes { get; init; } = [];
    public bool IsRevoked { get; private set; }
    public bool IsSuspended { get; private set; }
    public DateTimeOffset? StatusChangedAt { get; private set; }
    public DeliveryState Delivery { get; set; } = DeliveryState.Queued;
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public required string IssuedBy { get; init; }
    Guid IFiledUnderAggregate.AggregateId => ConnectionId;

    public CredentialStatus Status => IsRevoked ? CredentialStatus.Revoked : IsSuspended ? CredentialStatus.Suspended : CredentialStatus.Active;

    public bool IsOn(CredentialPurpose purpose) => purpose == CredentialPurpose.Revocation ? IsRevoked : IsSuspended;

    /// <summary>Puts it on the list of <paramref name="purpose"/>; already there is a 409 (nothing to change).</summary>
    public void Revoke(CredentialPurpose purpose, DateTimeOffset now)
    {
        if (IsOn(purpose))
            throw new ConflictException(purpose == CredentialPurpose.Revocation ? "agent_credential.already_revoked" : "agent_credential.already_suspended",
                $"The {SchemaId} credential is already {(purpose == CredentialPurpose.Revocation ? "revoked" : "suspended")}.");
        Set(purpose, true, now);
    }

    /// <summary>Takes it off the list of <paramref name="purpose"/> (unrevoke, or restore from suspension); not on it is a 409.</summary>
    public void Unrevoke(CredentialPurpose purpose, DateTimeOffset now)
    {
        if (!IsOn(purpose))
            throw new ConflictException(purpose == CredentialPurpose.Revocation ? "agent_credential.not_revoked" : "agent_credential.not_suspended",
                $"The {SchemaId} credential is not {(purpose == CredentialPurpose.Revocation ? "revoked" : "suspended")}.");
        Set(purpose, false, now);
    }

    private void Set(CredentialPurpose purpose, bool on, DateTimeOffset now)
    {
        if (purpose == CredentialPurpose.Revocation) IsRevoked = on; else IsSuspended = on;
        StatusChangedAt = now;
    }
}

/// <summary>One attribute of a credential (name and value), its own row so a by-criteria change finds credentials in SQL.</summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class AgentCredentialAttribute
{
    public const int NameMaxLength = 100;
    public const int ValueMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CredentialId { get; init; }
    public required string Name { get; init; }
    public required string Value { get; init; }
}
