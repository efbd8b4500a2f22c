using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

/// <summary>The caller an agency secret authenticates.</summary>
public sealed record AgencyIdentity(Guid Id, string Name);

/// <summary>
/// Agencies: their details, secret (shown once, stored as a SHA-256 hash, rotated) and connect link (recreated to make the
/// old one invalid). Staff and Admin change them, Viewers read; deleting is for Admins. An agency's own systems read
/// their own agency only.
/// </summary>
public sealed class AgencyService(
    IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, IValidator<AgencyFields> validator,
    IValidator<CheckConnectLink> checkValidator, AgentConnectionTotals totals)
{
    private static readonly SortMap<Agency> Sorts = new SortMap<Agency>("name")
        .Add("name", a => a.Name).Add("createdAt", a => a.CreatedAt).Add("secretRotatedAt", a => a.SecretRotatedAt);

    public async Task<PagedResult<AgencyRow>> ListAsync(AgencyQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Agency> agencies = db.Agencies.AsNoTracking();
        if (query.OrganisationId is { } org) agencies = agencies.Where(a => a.OrganisationId == org);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            agencies = agencies.Where(a => EF.Functions.Like(a.Name, pattern, "\\") || EF.Functions.Like(a.Did, pattern, "\\") || EF.Functions.Like(a.Label, pattern, "\\"));
        }
        var ordered = Sorts.Apply(agencies, query.Sort, a => a.Id);
        var total = await agencies.CountAsync(ct);
        var page = await ordered.Skip(query.Offset).Take(query.PageSize)
            .Select(a => new AgencyRow(a.Id, a.OrganisationId, db.Organisations.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).First(),
                a.Name, a.Did, a.Label, a.ServiceEndpoint, a.SecretRotatedAt, a.ConnectLinkNumber, a.ConnectLinkCreatedAt,
                db.Set<AgentConnection>().Count(c => c.AgencyId == a.Id), a.CreatedAt, a.Version))
            .ToListAsync(ct);
        return new PagedResult<AgencyRow>(page, query.Page, query.PageSize, total);
    }

    public async Task<AgencyDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Read);
        if (own is { } agencyId && agencyId != id) throw new NotFoundException("Agency", id);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<AgencyCreated> CreateAsync(AgencyFields command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await validator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await EnsureOrganisationAsync(db, command.OrganisationId, ct);
        var now = clock.GetUtcNow();
        var agency = new Agency
        {
            OrganisationId = command.OrganisationId, Name = command.Name.Trim(), Did = command.Did.Trim(), Label = command.Label.Trim(),
            ServiceEndpoint = command.ServiceEndpoint.Trim(), CreatedAt = now,
        };
        agency.StartConnectLink(now);
        var secret = agency.RotateSecret(now);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(ct);
        return new AgencyCreated(await DetailsAsync(db, agency.Id, ct), secret);
    }

    public async Task<AgencyDetails> UpdateAsync(Guid id, AgencyFields command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await validator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var agency = await ForChangeAsync(db, id, version, ct);
        if (agency.OrganisationId != command.OrganisationId) await EnsureOrganisationAsync(db, command.OrganisationId, ct);
        agency.OrganisationId = command.OrganisationId;
        agency.Name = command.Name.Trim();
        agency.Did = command.Did.Trim();
        agency.Label = command.Label.Trim();
        agency.ServiceEndpoint = command.ServiceEndpoint.Trim();
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>A new secret, shown once; the old one stops working at once.</summary>
    public async Task<SecretRotated> RotateSecretAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var agency = await ForChangeAsync(db, id, version, ct);
        var secret = agency.RotateSecret(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new SecretRotated(secret, agency.SecretRotatedAt, agency.Version);
    }

    /// <summary>A new connect link; every link made before it stops validating.</summary>
    public async Task<AgencyDetails> RecreateConnectLinkAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var agency = await ForChangeAsync(db, id, version, ct);
        agency.RecreateConnectLink(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>The agency's current connect URL (for the QR code).</summary>
    public async Task<string> ConnectUrlAsync(Guid id, CancellationToken ct = default) => (await GetAsync(id, ct)).ConnectUrl;

    /// <summary>Whether <paramref name="url"/> is the agency's current connect link, and why not.</summary>
    public async Task<ConnectLinkCheck> CheckConnectLinkAsync(Guid id, CheckConnectLink command, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Read);
        await checkValidator.ValidateOrThrowAsync(command, ct);
        var url = command.Url;
        if (own is { } agencyId && agencyId != id) throw new NotFoundException("Agency", id);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Agency", id);
        var (invitation, error) = OobInvitation.Parse(url);
        if (invitation is null) return new ConnectLinkCheck(false, error, null, null, null);
        if (invitation.Id == agency.ConnectLinkId.ToString()) return new ConnectLinkCheck(true, null, invitation.Id, invitation.Label, agency.ConnectLinkNumber);
        var reason = invitation.FirstServiceDid == agency.Did
            ? $"This link was replaced: the current one is link {agency.ConnectLinkNumber}, made {agency.ConnectLinkCreatedAt:yyyy-MM-dd HH:mm} UTC."
            : "This invitation is not this agency's: it names another party.";
        return new ConnectLinkCheck(false, reason, invitation.Id, invitation.Label, null);
    }

    public async Task DeleteAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var agency = await ForChangeAsync(db, id, version, ct);
        db.Agencies.Remove(agency);
        await db.SaveChangesAsync(ct);
        totals.Changed(); // its connections went with it
    }

    /// <summary>Checks a presented secret in constant time; null when no agency has it (wrong, rotated away, or deleted).</summary>
    public async Task<AgencyIdentity?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (Agency.PrefixOf(presented) is not { } prefix) return null;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.SecretPrefixValue == prefix)
            .Select(a => new { a.Id, a.Name, a.SecretHash }).FirstOrDefaultAsync(ct);
        if (agency is null) return null;
        // Constant time: how much of the hash matched says nothing about the secret.
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(agency.SecretHash, Agency.HashOf(presented))
            ? new AgencyIdentity(agency.Id, agency.Name) : null;
    }

    private static async Task EnsureOrganisationAsync(PortalDbContext db, Guid organisationId, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            throw DomainValidationException.For("organisationId", "There is no such organisation.");
    }

    private static async Task<Agency> ForChangeAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Agency", id);
        agency.EnsureVersion(version, id);
        return agency;
    }

    internal static string ConnectUrlOf(Agency agency) =>
        OobInvitation.ForAgency(agency.ConnectLinkId, agency.Label, agency.Did).ToUrl(agency.ServiceEndpoint);

    private static async Task<AgencyDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Agency", id);
        var organisation = await db.Organisations.Where(o => o.Id == agency.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var states = await db.AgentConnections.Where(c => c.AgencyId == id).GroupBy(c => c.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(params ConnectionState[] s) => states.Where(x => s.Contains(x.Key)).Sum(x => x.Count);
        var queued = await db.AgentMessages.CountAsync(m => m.AgencyId == id && m.Delivery == DeliveryState.Queued, ct);
        var credentials = await db.AgentCredentials.Where(c => c.AgencyId == id)
            .GroupBy(c => 1).Select(g => new { All = g.Count(), Revoked = g.Count(c => c.IsRevoked), Suspended = g.Count(c => c.IsSuspended) })
            .FirstOrDefaultAsync(ct);
        var counts = new AgencyCounts(states.Sum(s => s.Count), Of(ConnectionState.Completed),
            Of(ConnectionState.Invited, ConnectionState.Requested, ConnectionState.Responded), Of(ConnectionState.Abandoned),
            queued, credentials?.All ?? 0, credentials?.Revoked ?? 0, credentials?.Suspended ?? 0);
        var row = new AgencyRow(agency.Id, agency.OrganisationId, organisation, agency.Name, agency.Did, agency.Label, agency.ServiceEndpoint,
            agency.SecretRotatedAt, agency.ConnectLinkNumber, agency.ConnectLinkCreatedAt, counts.Connections, agency.CreatedAt, agency.Version);
        return new AgencyDetails(row, ConnectUrlOf(agency), counts);
    }
}
