using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// White-label domains of an organisation: Admin and Staff change them, Viewers read them. Each change is a change
/// of the organisation (its version moves, an archived one is read-only); a host name serves one organisation only.
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

    public async Task<WhiteLabelDomainList> AddAsync(Guid organisationId, CreateWhiteLabelDomain command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await newValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        org.EnsureEditable();
        var host = WhiteLabelDomain.NormalizeHost(command.HostName);
        if (await UserOfAsync(db, host, ct) is { } owner) throw WhiteLabelDomainErrors.HostTaken(host, owner);
        org.AddDomain(host, command.ThemeColour, command.LogoUrl, command.MakePrimary, clock.GetUtcNow());
        db.Entry(org).State = EntityState.Modified; // a domain is part of the organisation: its version moves
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
        return await ListAsync(db, organisationId, ct);
    }

    public async Task<WhiteLabelDomainList> UpdateAsync(Guid organisationId, Guid domainId, UpdateWhiteLabelDomain command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await changesValidator.ValidateOrThrowAsync(command, ct);
        return await ChangeAsync(organisationId, version, org => org.ChangeDomain(domainId, command.ThemeColour, command.LogoUrl), ct);
    }

    public Task<WhiteLabelDomainList> MakePrimaryAsync(Guid organisationId, Guid domainId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        return ChangeAsync(organisationId, version, org => org.MakeDomainPrimary(domainId), ct);
    }

    public Task<WhiteLabelDomainList> RemoveAsync(Guid organisationId, Guid domainId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        return ChangeAsync(organisationId, version, org => org.RemoveDomain(domainId), ct);
    }

    private async Task<WhiteLabelDomainList> ChangeAsync(Guid organisationId, long version, Action<Organisation> change, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        change(org);
        db.Entry(org).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return await ListAsync(db, organisationId, ct);
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
}
