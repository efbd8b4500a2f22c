using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// The module catalogue, and which modules each organisation has on. Admin and Staff switch them; Viewers read.
/// Switching is a change of the organisation: its version moves, an archived one is read-only, and it is audited.
/// </summary>
public sealed class OrganisationModuleService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock)
{
    public IReadOnlyList<ModuleDefinition> Catalogue()
    {
        user.Require(Access.Read);
        return ModuleCatalogue.All;
    }

    public async Task<ModuleList> ListAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await ListAsync(db, organisationId, ct);
    }

    /// <summary>Switches a module on; switching on one that is on changes nothing (PUT is idempotent).</summary>
    public async Task<ModuleList> SwitchOnAsync(Guid organisationId, string moduleId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        var module = ModuleCatalogue.Get(moduleId);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        if (org.SwitchModuleOn(module, clock.GetUtcNow(), user.Id, user.ActorName))
            await SaveAsync(db, org, ct);
        return await ListAsync(db, organisationId, ct);
    }

    /// <summary>Switches a module off; switching off one that is off changes nothing.</summary>
    public async Task<ModuleList> SwitchOffAsync(Guid organisationId, string moduleId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        var module = ModuleCatalogue.Get(moduleId);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        if (org.SwitchModuleOff(module)) await SaveAsync(db, org, ct);
        return await ListAsync(db, organisationId, ct);
    }

    private static async Task SaveAsync(PortalDbContext db, Organisation org, CancellationToken ct)
    {
        db.Entry(org).State = EntityState.Modified; // a module is part of the organisation: its version moves
        await db.SaveChangesAsync(ct);
    }

    private static Task<Organisation> LoadAsync(PortalDbContext db, Guid id, long version, CancellationToken ct) =>
        db.Organisations.Include(o => o.Modules).ForChangeAsync(id, version, ct);

    private static async Task<ModuleList> ListAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var version = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => (long?)o.Version).FirstOrDefaultAsync(ct)
                      ?? throw new NotFoundException(nameof(Organisation), id);
        var on = await db.OrganisationModules.AsNoTracking().Where(m => m.OrganisationId == id).ToDictionaryAsync(m => m.ModuleId, ct);
        var rows = ModuleCatalogue.All.Select(m => on.TryGetValue(m.Id, out var o)
            ? new ModuleRow(m.Id, m.Name, m.Description, m.MonthlyPrice, true, o.EnabledAt, o.EnabledBy)
            : new ModuleRow(m.Id, m.Name, m.Description, m.MonthlyPrice, false, null, null)).ToList();
        return new ModuleList(id, version, rows, Money.Sum(rows.Where(r => r.IsOn).Select(r => r.MonthlyPrice), ModuleCatalogue.Currency));
    }
}
