using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Components.Pages;
using Portal.Domain.Common;
using Portal.Domain.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>The Dashboard's Logistics part: the work-queue tiles and the units picked per hour, for every role that reads logistics.</summary>
public sealed class DashboardLogisticsTests : LogisticsComponentTest
{
    [Fact]
    public async Task A_picker_sees_the_logistics_tiles_and_todays_picks_per_hour_but_no_organisations()
    {
        var location = await AddLocationAsync("Leeds DC", "A-01");
        var shipment = await AddShipmentAsync(location.Location.Id, "ORD-1", ("SKU-A", 3, "A-01"));
        var list = await Lists.CreateAsync(new CreateHandlingList { Shipments = [new ListShipment(shipment.Shipment.Id)] });
        ActAs(Guid.CreateVersion7(), Roles.Warehouse, "picker@test.example");
        await Services.GetRequiredService<PickService>().RecordAsync(list.List.Id, new RecordPick { Key = "k1", Sku = "SKU-A", Quantity = 2 });

        var cut = Render<Dashboard>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=logistics-tiles] .tile")), Wait);
        var tiles = cut.FindAll("[data-testid=logistics-tiles] .tile").ToDictionary(t => t.QuerySelector(".tile-label")!.TextContent, t => t.QuerySelector(".tile-value")!.TextContent);
        Assert.Equal("1", tiles["Open handling lists"]);
        Assert.Equal("2", tiles["Units picked today"]);
        Assert.Equal("0", tiles["Missing units today"]);
        var columns = cut.FindAll(".column-chart li");
        Assert.Equal(DateTime.UtcNow.Hour + 1, columns.Count); // one column per hour of today so far
        Assert.Equal(2, columns.Sum(c => int.Parse(c.QuerySelector("span:first-child")!.TextContent)));
        Assert.DoesNotContain("Organisations", cut.FindAll("h2").Select(h => h.TextContent));
    }
}
