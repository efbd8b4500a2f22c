using Portal.Domain;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain;

public sealed class DashboardServiceTests
{
    [Fact]
    public async Task Counts_OrganisationsByStatus_AndNewOnesPerMonth()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Staff);
        var orgs = store.Get<OrganisationService>();
        async Task<OrganisationDetails> Create(string name) => await orgs.CreateAsync(new CreateOrganisation
        {
            Name = name, BillingEmail = "a@b.example", CountryCode = "GB", Owner = new CreateMember { Email = $"{name}@o.example", GivenName = "O" },
        });
        await Create("november"); // the store's clock starts on 23 November 2026
        store.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 2, 12, 0, 0, TimeSpan.Zero));
        var active = await Create("january1");
        await orgs.ActivateAsync(active.Organisation.Id, active.Organisation.Version);
        await Create("january2");

        var counts = (await store.Get<DashboardService>().GetCountsAsync()).Organisations!;

        Assert.Equal(3, counts.Total);
        Assert.Equal(2, counts.ByStatus[OrganisationStatus.Pending]);
        Assert.Equal(1, counts.ByStatus[OrganisationStatus.Active]);
        Assert.Equal(DashboardService.Months, counts.NewPerMonth.Count);
        Assert.Equal(new MonthCount(new DateOnly(2027, 1, 1), 2), counts.NewPerMonth[^1]);
        Assert.Equal(new MonthCount(new DateOnly(2026, 12, 1), 0), counts.NewPerMonth[^2]);
        Assert.Equal(new MonthCount(new DateOnly(2026, 11, 1), 1), counts.NewPerMonth[^3]);
    }

    [Theory]
    [InlineData(Roles.Admin, true, true)]
    [InlineData(Roles.Staff, false, true)]
    [InlineData(Roles.Viewer, false, true)]
    [InlineData(Roles.Warehouse, false, false)]
    public async Task EachRole_SeesOnlyWhatItMayRead(string role, bool admin, bool organisations)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(role);

        var counts = await store.Get<DashboardService>().GetCountsAsync();

        Assert.Equal(admin, counts.Admin is not null);
        Assert.Equal(organisations, counts.Organisations is not null);
    }
}
