using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// White-label domains of an organisation: Admin and Staff change them, Viewers read them. A domain is a part of the
/// organisation (a change moves its version, an archived one is read-only); a host name serves one organisation only.
/// </summary>
public sealed class WhiteLabelDomainService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<CreateWhiteLabelDomain> newValidator,
    IValidator<UpdateWhiteLabelDomain> changesValidator)
{
    public async Task<WhiteLabelDomainList> ListAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await ListAsync(db, organisationId, ct);
    }

    /// <summary>One domain, with the organisation's version.</summary>
    public async Task<PartResult<WhiteLabelDomainRow>> GetAsync(Guid organisationId, Guid domainId, CancellationToken ct = default)
    {
        var list = await ListAsync(organisationId, ct);
        var domain = list.Domains.FirstOrDefault(d => d.Id == domainId) ?? throw new NotFoundException("Domain", domainId);
        return new PartResult<WhiteLabelDomainRow>(domain, list.Version);
    }

    public async Task<PartResult<WhiteLabelDomainRow>> AddAsync(Guid organisationId, CreateWhiteLabelDomain command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await newValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        org.EnsureEditable();
        var host = WhiteLabelDomain.NormalizeHost(command.HostName);
        if (await UserOfAsync(db, host, ct) is { } owner) throw WhiteLabelDomainErrors.HostTaken(host, owner);
        var domain = org.AddDomain(host, command.ThemeColour, command.LogoUrl, command.MakePrimary, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) // the unique index: another organisation took the host since the check above
        {
            await using var fresh = await dbs.CreateDbContextAsync(ct);
            if (await UserOfAsync(fresh, host, ct) is { } winner) throw WhiteLabelDomainErrors.HostTaken(host, winner);
            throw;
        }
        return new PartResult<WhiteLabelDomainRow>(RowOf(domain), org.Version);
    }

    public async Task<PartResult<WhiteLabelDomainRow>> UpdateAsync(Guid organisationId, Guid domainId, UpdateWhiteLabelDomain command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await changesValidator.ValidateOrThrowAsync(command, ct);
        return await ChangeAsync(organisationId, version, org => org.ChangeDomain(domainId, command.ThemeColour, command.LogoUrl), ct);
    }

    public Task<PartResult<WhiteLabelDomainRow>> MakePrimaryAsync(Guid organisationId, Guid domainId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        return ChangeAsync(organisationId, version, org => org.MakeDomainPrimary(domainId), ct);
    }

    /// <summary>Removes the domain; answers the organisation's version after it.</summary>
    public async Task<long> RemoveAsync(Guid organisationId, Guid domainId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        return (await ChangeAsync(organisationId, version, org => org.RemoveDomain(domainId), ct)).Version;
    }

    private async Task<PartResult<WhiteLabelDomainRow>> ChangeAsync(Guid organisationId, long version, Func<Organisation, WhiteLabelDomain> change,
        CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        var domain = change(org);
        await db.SaveChangesAsync(ct);
        return new PartResult<WhiteLabelDomainRow>(RowOf(domain), org.Version);
    }

    /// <summary>The name of the organisation that has <paramref name="host"/>, if any.</summary>
    private static Task<string?> UserOfAsync(PortalDbContext db, string host, CancellationToken ct) =>
        db.WhiteLabelDomains.AsNoTracking().Where(d => d.HostName == host)
            .Join(db.Organisations, d => d.OrganisationId, o => o.Id, (d, o) => o.Name)
            .FirstOrDefaultAsync(ct);

    private static Task<Organisation> LoadAsync(PortalDbContext db, Guid id, long version, CancellationToken ct) =>
        db.Organisations.Include(o => o.Domains).ForChangeAsync(id, version, ct);

    private static async Task<WhiteLabelDomainList> ListAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var version = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => (long?)o.Version).FirstOrDefaultAsync(ct)
                      ?? throw new NotFoundException(nameof(Organisation), id);
        var domains = await db.WhiteLabelDomains.AsNoTracking().Where(d => d.OrganisationId == id)
            .OrderByDescending(d => d.IsPrimary).ThenBy(d => d.HostName)
            .Select(d => new WhiteLabelDomainRow(d.Id, d.HostName, d.ThemeColour, d.LogoUrl, d.IsPrimary, d.AddedAt))
            .ToListAsync(ct);
        return new WhiteLabelDomainList(id, version, domains);
    }

    private static WhiteLabelDomainRow RowOf(WhiteLabelDomain d) => new(d.Id, d.HostName, d.ThemeColour, d.LogoUrl, d.IsPrimary, d.AddedAt);
}
