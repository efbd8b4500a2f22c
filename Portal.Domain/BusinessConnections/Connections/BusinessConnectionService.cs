using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

/// <summary>Connections between organisations, their relationships and contacts, and the duplicate check before one is made.</summary>
public sealed class BusinessConnectionService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IFullTextSearch search,
    IValidator<CheckConnection> checkValidator,
    IValidator<CreateBusinessConnection> createValidator,
    IValidator<UpdateBusinessConnection> updateValidator,
    IValidator<AddRelationship> relationshipValidator,
    IValidator<ConnectContact> contactValidator)
{
    /// <summary>The network view stops after this many connections (a busy merchant's second hop can be large).</summary>
    public const int NetworkEdgeLimit = 200;

    private static readonly SortMap<BusinessConnection> Sorts = new SortMap<BusinessConnection>("-createdAt")
        .Add("createdAt", c => c.CreatedAt).Add("endedAt", c => c.EndedAt);

    public async Task<PagedResult<BusinessConnectionRow>> ListAsync(BusinessConnectionQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<BusinessConnection> connections = db.BusinessConnections.AsNoTracking();
        if (query.OrganisationId is { } org) connections = connections.Where(c => c.FromOrganisationId == org || c.ToOrganisationId == org);
        connections = query.Ended == true ? connections.Where(c => c.EndedAt != null) : connections.Where(c => c.EndedAt == null);
        if (query.Relationship is { } r)
        {
            var flag = (int)Relationships.Flag(r);
            connections = connections.Where(c => ((int)c.Relationships & flag) != 0);
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            var named = db.Organisations.Where(o => EF.Functions.Like(o.Name, pattern, "\\")).Select(o => o.Id);
            connections = connections.Where(c => named.Contains(c.FromOrganisationId) || named.Contains(c.ToOrganisationId));
        }
        var ordered = Sorts.Apply(connections, query.Sort, c => c.Id);
        return await ordered.ToPageAsync(query, c => new BusinessConnectionRow(c.Id,
            c.FromOrganisationId, db.Organisations.Where(o => o.Id == c.FromOrganisationId).Select(o => o.Name).First(),
            c.ToOrganisationId, db.Organisations.Where(o => o.Id == c.ToOrganisationId).Select(o => o.Name).First(),
            Relationships.ListOf(c.Relationships), c.Contacts.Count, c.CreatedAt, c.EndedAt, c.Version), ct);
    }

    public async Task<BusinessConnectionDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>The likely existing organisations for the one a connection would create (contact email, email domain, name).</summary>
    public async Task<DuplicateCheckResult> CheckAsync(CheckConnection check, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await checkValidator.ValidateOrThrowAsync(check, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DuplicateCheck.RunAsync(db, search, check, ct);
    }

    /// <summary>
    /// Connects the from-organisation to an existing one, or to a new one made from the check's fields and contacts
    /// (refused with 409 <c>business_connection.duplicate</c> when the duplicate check blocks it). One save.
    /// </summary>
    public async Task<BusinessConnectionDetails> CreateAsync(CreateBusinessConnection command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var from = await db.Organisations.FirstOrDefaultAsync(o => o.Id == command.FromOrganisationId, ct)
            ?? throw DomainValidationException.For("fromOrganisationId", "No organisation has this id.");
        from.EnsureEditable();
        var now = clock.GetUtcNow();
        Organisation to;
        if (command.NewOrganisation is { } fresh)
        {
            var duplicates = await DuplicateCheck.RunAsync(db, search, fresh, ct);
            if (duplicates.BlockNewConnection)
                throw new ConflictException("business_connection.duplicate",
                    $"{fresh.Name} looks like an organisation Portal has ({string.Join(", ", duplicates.Organisations.Take(3).Select(o => o.Name))}); connect that one instead.");
            to = new Organisation
            {
                Name = fresh.Name.Trim(), BillingEmail = OrganisationMember.NormalizeEmail(fresh.Contacts[0].Email), CountryCode = fresh.CountryCode,
                CompanyNumber = string.IsNullOrWhiteSpace(fresh.CompanyNumber) ? null : fresh.CompanyNumber.Trim().ToUpperInvariant(), CreatedAt = now,
            };
            foreach (var c in fresh.Contacts) to.AddMember(c.Email, c.GivenName, c.FamilyName, MemberRole.Member, now);
            db.Organisations.Add(to);
        }
        else
        {
            to = await db.Organisations.Include(o => o.Members).FirstOrDefaultAsync(o => o.Id == command.ToOrganisationId, ct)
                ?? throw DomainValidationException.For("toOrganisationId", "No organisation has this id.");
        }
        if (await db.BusinessConnections.AnyAsync(c => c.FromOrganisationId == from.Id && c.ToOrganisationId == to.Id && c.EndedAt == null, ct))
            throw new ConflictException("business_connection.exists", $"{from.Name} is already connected to {to.Name}; add a relationship to that connection.");
        var connection = BusinessConnection.Create(from.Id, to.Id, command.Relationships, now);
        connection.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        var contactIds = command.NewOrganisation is null ? command.ContactMemberIds : [.. to.Members.Select(m => m.Id)];
        foreach (var memberId in contactIds)
        {
            if (to.Members.All(m => m.Id != memberId))
                throw DomainValidationException.For("contactMemberIds", $"A contact must be a member of {to.Name}.");
            connection.Connect(memberId, now);
        }
        db.BusinessConnections.Add(connection);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, connection.Id, ct);
    }

    public async Task<BusinessConnectionDetails> UpdateAsync(Guid id, UpdateBusinessConnection command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await updateValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await ForChangeAsync(db, id, version, ct);
        connection.EnsureOpen();
        connection.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<BusinessConnectionDetails> AddRelationshipAsync(Guid id, AddRelationship command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await relationshipValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await ForChangeAsync(db, id, version, ct);
        connection.AddRelationship(command.Relationship);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<BusinessConnectionDetails> RemoveRelationshipAsync(Guid id, BusinessRelationship relationship, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await ForChangeAsync(db, id, version, ct);
        connection.RemoveRelationship(relationship);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<PartResult<ConnectionContactRow>> ConnectContactAsync(Guid id, ConnectContact command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await contactValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await ForChangeAsync(db, id, version, ct, withContacts: true);
        var member = await db.Set<OrganisationMember>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == command.MemberId && m.OrganisationId == connection.ToOrganisationId, ct)
            ?? throw DomainValidationException.For("memberId", "A contact must be a member of the connected organisation.");
        var contact = connection.Connect(member.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new(new ConnectionContactRow(member.Id, member.GivenName, member.FamilyName, member.Email, contact.ConnectedAt), connection.Version);
    }

    public async Task<long> DisconnectContactAsync(Guid id, Guid memberId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await ForChangeAsync(db, id, version, ct, withContacts: true);
        db.Remove(connection.Disconnect(memberId));
        await db.SaveChangesAsync(ct);
        return connection.Version;
    }

    /// <summary>Ends the connection; it stays (read-only, with its history) and a new one may be made later.</summary>
    public async Task<BusinessConnectionDetails> EndAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await ForChangeAsync(db, id, version, ct);
        connection.End(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>The open connections around an organisation, both directions, two hops out.</summary>
    public async Task<ConnectionNetwork> NetworkAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct)) throw new NotFoundException("Organisation", organisationId);
        var hops = new Dictionary<Guid, int> { [organisationId] = 0 };
        var edges = new Dictionary<Guid, NetworkEdge>();
        var frontier = new List<Guid> { organisationId };
        var truncated = false;
        for (var hop = 1; hop <= 2 && frontier.Count > 0; hop++)
        {
            var ids = frontier;
            var found = await db.BusinessConnections.AsNoTracking()
                .Where(c => c.EndedAt == null && (ids.Contains(c.FromOrganisationId) || ids.Contains(c.ToOrganisationId)))
                .OrderBy(c => c.Id).Take(NetworkEdgeLimit + 1)
                .Select(c => new { c.Id, c.FromOrganisationId, c.ToOrganisationId, c.Relationships }).ToListAsync(ct);
            if (found.Count > NetworkEdgeLimit) { truncated = true; found = found[..NetworkEdgeLimit]; }
            frontier = [];
            foreach (var c in found)
            {
                edges.TryAdd(c.Id, new NetworkEdge(c.Id, c.FromOrganisationId, c.ToOrganisationId, Relationships.ListOf(c.Relationships)));
                foreach (var end in new[] { c.FromOrganisationId, c.ToOrganisationId })
                    if (hops.TryAdd(end, hop)) frontier.Add(end);
            }
        }
        var nodeIds = hops.Keys.ToList();
        var names = await db.Organisations.Where(o => nodeIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new ConnectionNetwork(organisationId,
            [.. hops.OrderBy(h => h.Value).ThenBy(h => names.GetValueOrDefault(h.Key)).Select(h => new NetworkNode(h.Key, names.GetValueOrDefault(h.Key) ?? "?", h.Value))],
            [.. edges.Values], truncated);
    }

    private static async Task<BusinessConnection> ForChangeAsync(PortalDbContext db, Guid id, long version, CancellationToken ct, bool withContacts = false)
    {
        IQueryable<BusinessConnection> connections = db.BusinessConnections;
        if (withContacts) connections = connections.Include(c => c.Contacts);
        var connection = await connections.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("BusinessConnection", id);
        connection.EnsureVersion(version, id);
        return connection;
    }

    private static async Task<BusinessConnectionDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var c = await db.BusinessConnections.AsNoTracking().Include(x => x.Contacts).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("BusinessConnection", id);
        var names = await db.Organisations.Where(o => o.Id == c.FromOrganisationId || o.Id == c.ToOrganisationId)
            .Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var memberIds = c.Contacts.Select(x => x.MemberId).ToList();
        var members = await db.Set<OrganisationMember>().AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var contacts = c.Contacts.Where(x => members.ContainsKey(x.MemberId)).Select(x => members[x.MemberId])
            .Select(m => new ConnectionContactRow(m.Id, m.GivenName, m.FamilyName, m.Email, c.Contacts.First(x => x.MemberId == m.Id).ConnectedAt))
            .OrderBy(r => r.FamilyName, StringComparer.OrdinalIgnoreCase).ToList();
        return new BusinessConnectionDetails(
            new BusinessConnectionRow(c.Id, c.FromOrganisationId, names[c.FromOrganisationId], c.ToOrganisationId, names[c.ToOrganisationId],
                Relationships.ListOf(c.Relationships), c.Contacts.Count, c.CreatedAt, c.EndedAt, c.Version),
            c.Notes, contacts);
    }
}
