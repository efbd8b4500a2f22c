using Microsoft.EntityFrameworkCore;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>The demo organisations get modules that obey the same rules as real ones.</summary>
[Collection(DemoDataCollection.Name)]
public sealed class ModulesDemoDataTests(SeededDemoStore demo)
{

    [Fact]
    public async Task DemoOrganisations_HaveOneToFourModules_SeededOnce()
    {
        var store = demo.Store;
        await using var db = await store.DbAsync();
        var count = await db.OrganisationModules.CountAsync();
        await store.Get<ModulesDemoData>().SeedAsync();
        Assert.Equal(count, await db.OrganisationModules.CountAsync());

        var orgs = await db.Organisations.AsNoTracking().Include(o => o.Modules).ToListAsync();
        var live = orgs.Where(o => o.Status != OrganisationStatus.Archived).ToList();
        Assert.All(live, o => Assert.InRange(o.Modules.Count, 1, 4));
    }
}
