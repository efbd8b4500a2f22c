using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// The module catalogue, and which modules each organisation has on. Admin and Staff switch them; Viewers read.
/// A module that is on is a part of the organisation: switching moves its version, an archived one is read-only, and it is audited.
/// </summary>
public sealed class OrganisationModuleService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock)
{
    private static readonly string[] Readers = [Roles.Admin, Roles.Staff, Roles.Viewer];
    private static readonly string[] Writers = [Roles.Admin, Roles.Staff];

    public IReadOnlyList<ModuleDefinition> Catalogue()
    {
        user.Require(Readers);
        return ModuleCatalogue.All;
    }

    public async Task<ModuleList> ListAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Readers);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await ListAsync(db, organisationId, ct);
    }

    /// <summary>Switches a module on; switching on one that is on changes nothing (PUT is idempotent).</summary>
    public async Task<PartResult<ModuleRow>> SwitchOnAsync(Guid organisationId, string moduleId, long version, CancellationToken ct = default)
    {
        user.Require(Writers);
        var module = ModuleCatalogue.Get(moduleId);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        if (org.SwitchModuleOn(module, clock.GetUtcNow(), user.Id, await ActorNameAsync(db, ct)))
            await db.SaveChangesAsync(ct);
        return new PartResult<ModuleRow>(RowOf(module, org.Modules.Single(m => m.ModuleId == module.Id)), org.Version);
    }

    /// <summary>Switches a module off; switching off one that is off changes nothing. Answers the organisation's version after it.</summary>
    public async Task<long> SwitchOffAsync(Guid organisationId, string moduleId, long version, CancellationToken ct = default)
    {
        user.Require(Writers);
        var module = ModuleCatalogue.Get(moduleId);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        if (org.SwitchModuleOff(module)) await db.SaveChangesAsync(ct);
        return org.Version;
    }

    /// <summary>Who is switching, as people know them: the staff user's display name, else the principal's name.</summary>
    private async Task<string> ActorNameAsync(PortalDbContext db, CancellationToken ct)
    {
        if (user.StaffUserId() is { } id
            && await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) is { Length: > 0 } name)
            return name;
        return user.Name;
    }

    private static Task<Organisation> LoadAsync(PortalDbContext db, Guid id, long version, CancellationToken ct) =>
        db.Organisations.Include(o => o.Modules).ForChangeAsync(id, version, ct);

    private static async Task<ModuleList> ListAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var version = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => (long?)o.Version).FirstOrDefaultAsync(ct)
                      ?? throw new NotFoundException(nameof(Organisation), id);
        var on = await db.OrganisationModules.AsNoTracking().Where(m => m.OrganisationId == id).ToDictionaryAsync(m => m.ModuleId, ct);
        var rows = ModuleCatalogue.All.Select(m => RowOf(m, on.GetValueOrDefault(m.Id))).ToList();
        return new ModuleList(id, version, rows, rows.Where(r => r.IsOn).Sum(r => r.MonthlyPriceMinor), "GBP");
    }

    private static ModuleRow RowOf(ModuleDefinition m, OrganisationModule? on) => on is null
        ? new ModuleRow(m.Id, m.Name, m.Description, m.MonthlyPriceMinor, m.Currency, false, null, null)
        : new ModuleRow(m.Id, m.Name, m.Description, m.MonthlyPriceMinor, m.Currency, true, on.EnabledAt, on.EnabledBy);
}
