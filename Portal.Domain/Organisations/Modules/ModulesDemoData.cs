using Bogus;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// Modules through the organisations' own rules: every organisation that is not archived has 1–4 modules on,
/// switched on by its account manager within a month of its creation.
/// </summary>
public sealed class ModulesDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock) : IDemoDataSeeder
{
    /// <summary>After the organisations.</summary>
    public int Order => 340;

    /// <summary>Once: nothing when any module is switched on.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.OrganisationModules.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var faker = new Faker("en_GB") { Random = new Randomizer(2027) };
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var orgs = await db.Organisations.Include(o => o.Modules)
            .Where(o => o.Status != OrganisationStatus.Archived).OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(ct);
        foreach (var org in orgs)
        {
            var since = org.CreatedAt.AddDays(faker.Random.Double(0, 30));
            if (since > now) since = now;
            var by = org.AccountManagerId is { } manager && names.TryGetValue(manager, out var name) ? name : AdminDemoData.DemoUsers[1].Name;
            foreach (var module in faker.PickRandom(ModuleCatalogue.All, faker.Random.Int(1, 4)))
                org.SwitchModuleOn(module, since, null, by);
        }
        await db.SaveChangesAsync(ct);
    }
}
