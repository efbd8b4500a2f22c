using Microsoft.EntityFrameworkCore;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>The demo organisations get white-label domains that obey the same rules as real ones.</summary>
[Collection(DemoDataCollection.Name)]
public sealed class WhiteLabelDemoDataTests(SeededDemoStore demo)
{

    [Fact]
    public async Task DemoOrganisations_MostHaveUniqueValidDomainsWithOnePrimary_SeededOnce()
    {
        var store = demo.Store;
        await using var db = await store.DbAsync();
        var count = await db.WhiteLabelDomains.CountAsync();
        await store.Get<WhiteLabelDemoData>().SeedAsync();
        Assert.Equal(count, await db.WhiteLabelDomains.CountAsync());

        var orgs = await db.Organisations.AsNoTracking().Include(o => o.Domains).ToListAsync();
        var live = orgs.Where(o => o.Status != OrganisationStatus.Archived).ToList();
        Assert.All(live.Where(o => o.Domains.Count > 0), o => Assert.Single(o.Domains, d => d.IsPrimary));
        Assert.All(orgs, o => Assert.InRange(o.Domains.Count, 0, 2));
        Assert.InRange(live.Count(o => o.Domains.Count > 0), live.Count / 2, live.Count - 1);
        var hosts = orgs.SelectMany(o => o.Domains).Select(d => d.HostName).ToList();
        Assert.Equal(hosts.Count, hosts.Distinct().Count());
        Assert.All(hosts, h => Assert.True(HostNames.IsValid(h), $"{h} is not a valid host name"));
        Assert.Contains(hosts, h => h.StartsWith("portal.") && h.EndsWith(".co.uk"));
        Assert.All(orgs.SelectMany(o => o.Domains), d => Assert.Matches("^#[0-9A-F]{6}$", d.ThemeColour));
    }
}
