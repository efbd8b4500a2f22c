using Portal.Domain;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Domain.Organisations;
using Portal.Tests.Domain.Logistics;
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
            ConfirmedNotDuplicate = true,
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
        Assert.NotNull(counts.Logistics); // every role reads logistics, Warehouse included
    }

    [Fact]
    public async Task Logistics_OpenListsLateShipmentsMissingToday_AndUnitsPickedPerHour()
    {
        await using var store = await TestStore.CreateAsync();
        var location = await store.AddLocationAsync("A-01", "B-01", "C-01");
        var locationId = location.Location.Id;
        var picked = await store.AddShipmentAsync(locationId, ("SKU-A", 3, "A-01"));   // each ships on 24 Nov 2026, 10:00
        var short1 = await store.AddShipmentAsync(locationId, ("SKU-B", 1, "B-01"));
        var yesterday = await store.AddShipmentAsync(locationId, ("SKU-C", 1, "C-01"));
        var canceled = await store.AddShipmentAsync(locationId, ("SKU-C", 1, "C-01"));
        await store.AsStaffAsync(() => store.Get<ShipmentService>().CancelAsync(canceled.Shipment.Id, new CancelShipment(), canceled.Shipment.Version));
        var first = await store.AddListAsync(picked.Shipment.Id, short1.Shipment.Id);
        var second = await store.AddListAsync(yesterday.Shipment.Id);
        store.ActAs(Roles.Warehouse);
        var picks = store.Get<PickService>();

        store.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero));
        await picks.RecordAsync(second.List.Id, new RecordPick { Key = "y1", Sku = "SKU-C", Missing = true, Reason = "Gone" }); // missing yesterday
        store.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 8, 30, 0, TimeSpan.Zero));
        await picks.RecordAsync(first.List.Id, LogisticsTestData.Pick("SKU-A", 2));
        store.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 10, 15, 0, TimeSpan.Zero));
        await picks.RecordAsync(first.List.Id, LogisticsTestData.Pick("SKU-A", 1, key: "undone"));
        await picks.UndoAsync(first.List.Id, "undone");
        await picks.RecordAsync(first.List.Id, new RecordPick { Key = "m1", Sku = "SKU-B", Missing = true, Reason = "Not there" });
        store.ActAs(Roles.Viewer);

        var counts = (await store.Get<DashboardService>().GetCountsAsync()).Logistics!;

        Assert.Equal(2, counts.OpenListsByState[HandlingListState.InProgress]);
        Assert.Equal(2, counts.OpenLists);
        Assert.Equal(3, counts.LateShipments); // the canceled one is not late
        Assert.Equal(1, counts.MissingUnitsToday); // yesterday's is not today's
        Assert.Equal(11, counts.PickedPerHour.Count); // 00:00 to 10:00
        Assert.Equal(2, counts.PickedPerHour.Single(h => h.Hour == 8).Count);
        Assert.Equal(0, counts.PickedPerHour.Single(h => h.Hour == 10).Count); // undone, and missing is not picked
        Assert.Equal(2, counts.PickedToday);
    }

    [Fact]
    public async Task Pricing_EnabledGroups_PlannedPricesStartingWithin7Days_AndOrganisationsInDisabledGroups()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Staff);
        var groups = store.Get<Portal.Domain.Pricing.PricingGroupService>();
        var prices = store.Get<Portal.Domain.Pricing.PriceService>();
        var now = store.Clock.GetUtcNow();
        async Task<long> Schedule(Guid group, long version, string sku, DateTimeOffset? at) =>
            (await prices.ScheduleAsync(group, new Portal.Domain.Pricing.SchedulePrice { Sku = sku, Amount = 100, ActiveAt = at }, version)).Version;
        var open = await groups.CreateAsync(new Portal.Domain.Pricing.CreatePricingGroup { Name = "Open", Currency = "EUR" });
        var v = await Schedule(open.Id, open.Version, "NOW", null);                 // in force: not planned
        v = await Schedule(open.Id, v, "SOON", now.AddDays(3));                     // counted
        v = await Schedule(open.Id, v, "LATER", now.AddDays(10));                   // past the window
        var cancelled = await prices.ScheduleAsync(open.Id, new Portal.Domain.Pricing.SchedulePrice { Sku = "GONE", Amount = 1, ActiveAt = now.AddDays(2) }, v);
        await prices.CancelAsync(open.Id, cancelled.Item.Id, cancelled.Version);   // cancelled: not counted
        var closed = await groups.CreateAsync(new Portal.Domain.Pricing.CreatePricingGroup { Name = "Closed", Currency = "EUR" });
        var closedVersion = await Schedule(closed.Id, closed.Version, "SOON", now.AddDays(2)); // a disabled group's: not counted
        var orgs = store.Get<OrganisationService>();
        foreach (var (name, group) in new[] { ("In open", open.Id), ("In closed", closed.Id) })
        {
            var org = await orgs.CreateAsync(new CreateOrganisation { Name = name, BillingEmail = $"a@{name.Replace(' ', '-')}.example", CountryCode = "GB" });
            await groups.AssignAsync(org.Organisation.Id, new Portal.Domain.Pricing.AssignPricingGroup { PricingGroupId = group }, org.Organisation.Version);
        }
        await groups.DisableAsync(closed.Id, closedVersion);

        var counts = await store.Get<DashboardService>().GetCountsAsync();

        Assert.Equal(new Portal.Domain.Pricing.PricingCounts(1, 1, 1), counts.Pricing);
    }
}
