using Portal.Domain.Common;

namespace Portal.Domain.BusinessConnections;

/// <summary>One kind of business between two organisations (spec 3.4).</summary>
public enum BusinessRelationship { Trading, Storage, Carrier, Organiser }

/// <summary>The set of relationships of a connection, stored as one integer column.</summary>
[Flags]
public enum RelationshipSet { None = 0, Trading = 1, Storage = 2, Carrier = 4, Organiser = 8 }

public static class Relationships
{
    public static RelationshipSet Flag(BusinessRelationship r) =>
        Enum.IsDefined(r) ? (RelationshipSet)(1 << (int)r) : throw DomainValidationException.For("relationship", "A relationship is Trading, Storage, Carrier or Organiser.");

    /// <summary>A relationship by name as a path segment carries it ("trading", "Storage"); numbers are not names.</summary>
    public static BusinessRelationship Parse(string text) =>
        text.Length > 0 && char.IsLetter(text[0]) && Enum.TryParse<BusinessRelationship>(text, ignoreCase: true, out var r) && Enum.IsDefined(r)
            ? r : throw DomainValidationException.For("relationship", "A relationship is Trading, Storage, Carrier or Organiser.");

    public static RelationshipSet SetOf(IEnumerable<BusinessRelationship> relationships) =>
        relationships.Aggregate(RelationshipSet.None, (set, r) => set | Flag(r));

    public static IReadOnlyList<BusinessRelationship> ListOf(RelationshipSet set) =>
        [.. Enum.GetValues<BusinessRelationship>().Where(r => (set & Flag(r)) != 0)];
}

/// <summary>
/// A directional connection from one organisation to another (A→B does not make B→A): the relationships between them
/// (at least one), the other organisation's members who are its contacts, notes, and when it ended. An ended connection
/// stays, read-only, with its history; a new one may then be made between the same two.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class BusinessConnection : IVersioned
{
    public const int NotesMaxLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid FromOrganisationId { get; init; }
    public Guid ToOrganisationId { get; init; }
    public RelationshipSet Relationships { get; private set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; private set; }
    public List<BusinessConnectionContact> Contacts { get; init; } = [];
    public long Version { get; set; }

    public static BusinessConnection Create(Guid from, Guid to, IReadOnlyCollection<BusinessRelationship> relationships, DateTimeOffset now)
    {
        if (from == to) throw DomainValidationException.For("toOrganisationId", "An organisation cannot be connected to itself.");
        if (relationships.Count == 0) throw DomainValidationException.For("relationships", "Choose at least one relationship.");
        if (relationships.Distinct().Count() != relationships.Count) throw DomainValidationException.For("relationships", "Name each relationship once.");
        return new BusinessConnection { FromOrganisationId = from, ToOrganisationId = to, Relationships = BusinessConnections.Relationships.SetOf(relationships), CreatedAt = now };
    }

    public void EnsureOpen()
    {
        if (EndedAt is not null) throw new ConflictException("business_connection.ended", "This connection has ended; its history stays but it cannot change.");
    }

    public void AddRelationship(BusinessRelationship relationship)
    {
        EnsureOpen();
        var flag = BusinessConnections.Relationships.Flag(relationship);
        if ((Relationships & flag) != 0) throw new ConflictException("business_connection.relationship_exists", $"The connection already has the {relationship} relationship.");
        Relationships |= flag;
    }

    public void RemoveRelationship(BusinessRelationship relationship)
    {
        EnsureOpen();
        var flag = BusinessConnections.Relationships.Flag(relationship);
        if ((Relationships & flag) == 0) throw new ConflictException("business_connection.relationship_missing", $"The connection has no {relationship} relationship.");
        if (Relationships == flag) throw new ConflictException("business_connection.last_relationship", "A connection keeps at least one relationship; end the connection instead.");
        Relationships &= ~flag;
    }

    public BusinessConnectionContact Connect(Guid memberId, DateTimeOffset now)
    {
        EnsureOpen();
        if (Contacts.Any(c => c.MemberId == memberId)) throw new ConflictException("business_connection.contact_connected", "That person is already a contact of this connection.");
        var contact = new BusinessConnectionContact { ConnectionId = Id, MemberId = memberId, ConnectedAt = now };
        Contacts.Add(contact);
        return contact;
    }

    public BusinessConnectionContact Disconnect(Guid memberId)
    {
        EnsureOpen();
        var contact = Contacts.FirstOrDefault(c => c.MemberId == memberId) ?? throw new NotFoundException("Contact", memberId);
        Contacts.Remove(contact);
        return contact;
    }

    public void End(DateTimeOffset now)
    {
        EnsureOpen();
        EndedAt = now;
    }
}

/// <summary>A member of the connected (to) organisation who is a contact of the connection.</summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class BusinessConnectionContact : IAggregatePart
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ConnectionId { get; init; }
    public Guid MemberId { get; init; }
    public DateTimeOffset ConnectedAt { get; init; }
    Guid IFiledUnderAggregate.AggregateId => ConnectionId;
}
