using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// The module catalogue, and which modules each organisation has on. Admin and Staff switch them; Viewers read.
/// A module that is on is a part of the organisation: switching moves its version, an archived one is read-only, and it is audited.
/// </summary>
public sealed class OrganisationModuleService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, IEnumerable<IModuleGrantSource> grants)
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
        var list = await ListAsync(db, organisationId, ct);
        var granted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in grants)
            foreach (var (module, by) in await source.GrantedAsync(db, organisationId, ct)) granted.TryAdd(module, by);
        return granted.Count == 0 ? list : list with { Modules = [.. list.Modules.Select(m => m with { GrantedByPlan = granted.GetValueOrDefault(m.Id) })] };
    }

    /// <summary>Switches a module on; switching on one that is on changes nothing (PUT is idempotent).</summary>
    public async Task<PartResult<ModuleRow>> SwitchOnAsync(Guid organisationId, string moduleId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        var module = ModuleCatalogue.Get(moduleId);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        if (org.SwitchModuleOn(module, clock.GetUtcNow(), user.Id, user.ActorName))
            await db.SaveChangesAsync(ct);
        return new PartResult<ModuleRow>(RowOf(module, org.Modules.Single(m => m.ModuleId == module.Id)), org.Version);
    }

    /// <summary>Switches a module off; switching off one that is off changes nothing. Answers the organisation's version after it.</summary>
    public async Task<long> SwitchOffAsync(Guid organisationId, string moduleId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        var module = ModuleCatalogue.Get(moduleId);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        if (org.SwitchModuleOff(module)) await db.SaveChangesAsync(ct);
        return org.Version;
    }

    private static Task<Organisation> LoadAsync(PortalDbContext db, Guid id, long version, CancellationToken ct) =>
        db.Organisations.Include(o => o.Modules).ForChangeAsync(id, version, ct);

    private static async Task<ModuleList> ListAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var version = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => (long?)o.Version).FirstOrDefaultAsync(ct)
                      ?? throw new NotFoundException(nameof(Organisation), id);
        var on = await db.OrganisationModules.AsNoTracking().Where(m => m.OrganisationId == id).ToDictionaryAsync(m => m.ModuleId, ct);
        var rows = ModuleCatalogue.All.Select(m => RowOf(m, on.GetValueOrDefault(m.Id))).ToList();
        return new ModuleList(id, version, rows, Money.Sum(rows.Where(r => r.IsOn).Select(r => r.MonthlyPrice), ModuleCatalogue.Currency));
    }

    private static ModuleRow RowOf(ModuleDefinition m, OrganisationModule? on) => on is null
        ? new ModuleRow(m.Id, m.Name, m.Description, m.MonthlyPrice, false, null, null)
        : new ModuleRow(m.Id, m.Name, m.Description, m.MonthlyPrice, true, on.EnabledAt, on.EnabledBy);
}
