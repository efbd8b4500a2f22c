using Portal.Domain.Common;

namespace Portal.Domain.BusinessConnections;

public sealed record BusinessConnectionQuery : ListQuery
{
    /// <summary>Connections from or to this organisation (both directions).</summary>
    public Guid? OrganisationId { get; init; }
    public BusinessRelationship? Relationship { get; init; }
    /// <summary>Ended connections only (true); otherwise the open ones (the default view).</summary>
    public bool? Ended { get; init; }
}

public sealed record ConnectionContactRow(Guid MemberId, string GivenName, string FamilyName, string Email, DateTimeOffset ConnectedAt);

public sealed record BusinessConnectionRow(
    Guid Id, Guid FromOrganisationId, string FromOrganisationName, Guid ToOrganisationId, string ToOrganisationName,
    IReadOnlyList<BusinessRelationship> Relationships, int ContactCount, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, long Version);

public sealed record BusinessConnectionDetails(BusinessConnectionRow Connection, string? Notes, IReadOnlyList<ConnectionContactRow> Contacts);

/// <summary>A contact given for a new organisation (who becomes its member) or checked by the duplicate check.</summary>
public sealed class ConnectionContactInput
{
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string Email { get; set; } = "";
}

/// <summary>The duplicate check's question: the organisation a connection would create (spec "Check Business Connection Exists").</summary>
public sealed class CheckConnection
{
    public string Name { get; set; } = "";
    public string? CompanyNumber { get; set; }
    public string CountryCode { get; set; } = "GB";
    public List<ConnectionContactInput> Contacts { get; set; } = [];
}

/// <summary>Why an existing organisation came up.</summary>
public enum DuplicateReason { ContactEmail, EmailDomain, SimilarName, CompanyNumber }

public sealed record DuplicateMatch(Guid OrganisationId, string Name, string CountryCode, IReadOnlyList<DuplicateReason> Reasons, string MatchedOn);

/// <summary>
/// The likely existing organisations. <see cref="BlockNewConnection"/>: a contact's email is already a member's, the
/// company number is taken or the name is the same once normalised; the user must then connect an existing one.
/// </summary>
public sealed record DuplicateCheckResult(bool BlockNewConnection, IReadOnlyList<DuplicateMatch> Organisations);

/// <summary>
/// A connection from <see cref="FromOrganisationId"/> to an existing organisation (<see cref="ToOrganisationId"/>) or
/// to a new one (<see cref="NewOrganisation"/>, refused when the duplicate check blocks it).
/// </summary>
public sealed class CreateBusinessConnection
{
    public Guid FromOrganisationId { get; set; }
    public Guid? ToOrganisationId { get; set; }
    public CheckConnection? NewOrganisation { get; set; }
    public List<BusinessRelationship> Relationships { get; set; } = [];
    public string? Notes { get; set; }
    /// <summary>Members of an existing organisation to connect as contacts.</summary>
    public List<Guid> ContactMemberIds { get; set; } = [];
}

public sealed class UpdateBusinessConnection
{
    public string? Notes { get; set; }
    public long? Version { get; set; }
}

public sealed class AddRelationship
{
    public BusinessRelationship Relationship { get; set; }
}

public sealed class ConnectContact
{
    public Guid MemberId { get; set; }
}

/// <summary>The network around an organisation: its connections and theirs, two hops out.</summary>
public sealed record NetworkNode(Guid OrganisationId, string Name, int Hops);

public sealed record NetworkEdge(Guid ConnectionId, Guid From, Guid To, IReadOnlyList<BusinessRelationship> Relationships);

public sealed record ConnectionNetwork(Guid CentreId, IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<NetworkEdge> Edges, bool Truncated);
