using Portal.Domain.Common;

namespace Portal.Domain.AgentConnections;

public sealed record AgencyQuery : ListQuery
{
    public Guid? OrganisationId { get; init; }
}

public sealed record AgencyRow(
    Guid Id, Guid OrganisationId, string OrganisationName, string Name, string Did, string Label, string ServiceEndpoint,
    DateTimeOffset SecretRotatedAt, int ConnectLinkNumber, DateTimeOffset ConnectLinkCreatedAt, int ConnectionCount, DateTimeOffset CreatedAt, long Version);

/// <summary>What the agency page counts: connections by state, queued work, credentials by status.</summary>
public sealed record AgencyCounts(
    int Connections, int Completed, int Pending, int Abandoned, int QueuedMessages, int Credentials, int RevokedCredentials, int SuspendedCredentials);

public sealed record AgencyDetails(AgencyRow Agency, string ConnectUrl, AgencyCounts Counts);

/// <summary>A new agency with its secret: the only time the secret is shown.</summary>
public sealed record AgencyCreated(AgencyDetails Agency, string Secret);

public sealed record SecretRotated(string Secret, DateTimeOffset RotatedAt, long Version);

/// <summary>The fields of an agency; creating and editing share them.</summary>
public sealed class AgencyFields
{
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public string Did { get; set; } = "";
    public string Label { get; set; } = "";
    public string ServiceEndpoint { get; set; } = "";
    /// <summary>Editing only: the version read.</summary>
    public long? Version { get; set; }
}

public sealed class CheckConnectLink
{
    public string Url { get; set; } = "";
}

/// <summary>Whether a URL is the agency's current connect link; when not, why (malformed, another agency's, replaced).</summary>
public sealed record ConnectLinkCheck(bool IsCurrent, string? Reason, string? InvitationId, string? Label, int? LinkNumber);
