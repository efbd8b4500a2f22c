using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Logistics;

/// <summary>/api/v1 logistics routes: who may call each, and the 400/404/409/412 answers with their codes.</summary>
public sealed class LogisticsApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private static readonly Guid Someone = Guid.Parse("0192a000-0000-7000-8000-000000000001");

    /// <summary>Every logistics route, with a body where it takes one: (method, url, body).</summary>
    public static TheoryData<string, string> Routes() => new()
    {
        { "GET", "/api/v1/locations" }, { "POST", "/api/v1/locations" }, { "GET", $"/api/v1/locations/{Someone}" }, { "PUT", $"/api/v1/locations/{Someone}" },
        { "POST", $"/api/v1/locations/{Someone}/positions" }, { "PUT", $"/api/v1/locations/{Someone}/positions" },
        { "DELETE", $"/api/v1/locations/{Someone}/positions/{Someone}" }, { "PUT", $"/api/v1/locations/{Someone}/sku-defaults" },
        { "GET", "/api/v1/shipping-methods" }, { "POST", "/api/v1/shipping-methods" }, { "GET", $"/api/v1/shipping-methods/{Someone}" }, { "PUT", $"/api/v1/shipping-methods/{Someone}" },
        { "GET", "/api/v1/shipments" }, { "GET", "/api/v1/shipments/export" }, { "GET", $"/api/v1/shipments/{Someone}" }, { "POST", "/api/v1/shipments" },
        { "PUT", $"/api/v1/shipments/{Someone}" }, { "POST", $"/api/v1/shipments/{Someone}/cancel" }, { "PUT", $"/api/v1/shipments/{Someone}/items/missing" },
        { "POST", $"/api/v1/shipments/{Someone}/backorder" },
        { "GET", "/api/v1/handling-lists" }, { "POST", "/api/v1/handling-lists" }, { "GET", $"/api/v1/handling-lists/{Someone}" },
        { "GET", $"/api/v1/handling-lists/{Someone}/items" }, { "PUT", $"/api/v1/handling-lists/{Someone}/items" },
        { "POST", $"/api/v1/handling-lists/{Someone}/items/k1/undo" }, { "PUT", $"/api/v1/handling-lists/{Someone}/state" },
        { "GET", "/api/v1/parcels" }, { "POST", "/api/v1/parcels" }, { "GET", $"/api/v1/parcels/{Someone}" }, { "PUT", $"/api/v1/parcels/{Someone}" },
        { "POST", $"/api/v1/parcels/{Someone}/items" }, { "POST", $"/api/v1/parcels/{Someone}/items/remove" },
        { "PUT", $"/api/v1/parcels/{Someone}/transit" }, { "PUT", $"/api/v1/parcels/{Someone}/finished" },
    };

    /// <summary>The roles each writing route refuses (Staff plans, Warehouse picks and packs, Viewers read).</summary>
    public static TheoryData<string, string, string> Refusals()
    {
        var data = new TheoryData<string, string, string>();
        string[] plan = ["POST /api/v1/locations", $"PUT /api/v1/locations/{Someone}", $"POST /api/v1/locations/{Someone}/positions",
            $"PUT /api/v1/locations/{Someone}/positions", $"DELETE /api/v1/locations/{Someone}/positions/{Someone}", $"PUT /api/v1/locations/{Someone}/sku-defaults",
            "POST /api/v1/shipping-methods", $"PUT /api/v1/shipping-methods/{Someone}", "POST /api/v1/shipments", $"PUT /api/v1/shipments/{Someone}",
            $"POST /api/v1/shipments/{Someone}/cancel", $"POST /api/v1/shipments/{Someone}/backorder", "POST /api/v1/handling-lists"];
        string[] handle = [$"PUT /api/v1/shipments/{Someone}/items/missing", $"PUT /api/v1/handling-lists/{Someone}/items",
            $"POST /api/v1/handling-lists/{Someone}/items/k1/undo", "POST /api/v1/parcels", $"PUT /api/v1/parcels/{Someone}",
            $"POST /api/v1/parcels/{Someone}/items", $"POST /api/v1/parcels/{Someone}/items/remove", $"PUT /api/v1/parcels/{Someone}/transit",
            $"PUT /api/v1/parcels/{Someone}/finished"];
        foreach (var route in plan) { data.Add(route, Roles.Warehouse, ""); data.Add(route, Roles.Viewer, ""); }
        foreach (var route in handle) { data.Add(route, Roles.Staff, ""); data.Add(route, Roles.Viewer, ""); }
        data.Add($"PUT /api/v1/handling-lists/{Someone}/state", Roles.Viewer, "Hold");
        data.Add($"PUT /api/v1/handling-lists/{Someone}/state", Roles.Warehouse, "Cancel");
        data.Add($"PUT /api/v1/handling-lists/{Someone}/state", Roles.Warehouse, "Assign");
        data.Add($"PUT /api/v1/handling-lists/{Someone}/state", Roles.Staff, "Finish");
        data.Add($"PUT /api/v1/handling-lists/{Someone}/state", Roles.Staff, "Take");
        return data;
    }

    private static HttpRequestMessage Request(string method, string url, object? body = null) =>
        new(new HttpMethod(method), url) { Content = method is "GET" or "DELETE" ? null : JsonContent.Create(body ?? new { }) };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRoute_WithoutCredentials_Is401(string method, string url)
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.SendAsync(Request(method, url))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task EveryWritingRoute_RefusesTheRolesThatMayNot(string route, string role, string action)
    {
        using var client = await factory.ClientWithRoleAsync(role);
        var (method, url) = (route.Split(' ')[0], route.Split(' ')[1]);
        var body = action.Length > 0 ? new { action, pickerId = Someone, reason = "because" } : (object)new { };

        var response = await client.SendAsync(Request(method, url, body).WithIfMatch("\"1\""));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Warehouse)]
    [InlineData(Roles.Staff)]
    public async Task EveryRole_ReadsLogistics(string role)
    {
        using var client = await factory.ClientWithRoleAsync(role);
        foreach (var url in new[] { "/api/v1/locations", "/api/v1/shipping-methods", "/api/v1/shipments", "/api/v1/handling-lists", "/api/v1/parcels" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    // ---- arranging through the API ----

    private async Task<(JsonElement Location, string ETag)> CreateLocationAsync(HttpClient staff, params string[] positions)
    {
        var created = await staff.PostAsJsonAsync("/api/v1/locations", new
        {
            name = $"Depot {Guid.NewGuid():N}"[..20], line1 = "1 Dock Road", city = "Hull", postcode = "HU1 1AA", countryCode = "GB",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("location").GetProperty("id").GetString();
        var etag = created.ETag()!;
        foreach (var code in positions)
        {
            var added = await staff.SendAsync(Post($"/api/v1/locations/{id}/positions", new { code }).WithIfMatch(etag));
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            etag = added.ETag()!;
        }
        var read = await staff.GetAsync($"/api/v1/locations/{id}");
        return (await read.JsonAsync(), read.ETag()!);
    }

    private static object NewShipment(string locationId, string sku = "MUG", int quantity = 2) => new
    {
        type = "Delivery", direction = "Outbound", locationId,
        from = new { kind = "Location", locationId },
        to = new { kind = "Address", name = "Ada Lovelace", line1 = "1 High Street", city = "York", postcode = "YO1 7HH", countryCode = "GB" },
        orderReference = "ORD-1", lines = new[] { new { sku, quantity, position = "A-01" } },
    };

    private async Task<JsonElement> CreateShipmentAsync(HttpClient staff, string locationId, string sku = "MUG", int quantity = 2)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/shipments", NewShipment(locationId, sku, quantity));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("shipment");
    }

    private async Task<(string Id, string ETag)> CreateListAsync(HttpClient staff, params string[] shipmentIds)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/handling-lists", new { shipments = shipmentIds.Select(id => new { id }) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.JsonAsync()).GetProperty("list").GetProperty("id").GetString()!, response.ETag()!);
    }

    // ---- locations ----

    [Fact]
    public async Task Locations_CreateReorderAndStaleness()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (location, etag) = await CreateLocationAsync(staff, "A-01", "A-02");
        var id = location.GetProperty("location").GetProperty("id").GetString();

        await (await staff.PostAsJsonAsync("/api/v1/locations", new { name = "", postcode = "x", countryCode = "ZZ" }))
            .ShouldHaveFieldErrorsAsync("name", "line1", "city", "countryCode");
        await (await staff.SendAsync(Put($"/api/v1/locations/{id}/positions", new { codes = new[] { "A-01", "Z-99" } }).WithIfMatch(etag)))
            .ShouldHaveFieldErrorsAsync("codes");
        var reordered = await staff.SendAsync(Put($"/api/v1/locations/{id}/positions", new { codes = new[] { "A-02", "A-01" } }).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        Assert.Equal(["A-02", "A-01"], (await reordered.JsonAsync()).EnumerateArray().Select(p => p.GetProperty("code").GetString()));

        var stale = await (await staff.SendAsync(Put($"/api/v1/locations/{id}/positions", new { codes = new[] { "A-01", "A-02" } }).WithIfMatch(etag)))
            .ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("concurrency.stale", stale.Code());
        await (await staff.SendAsync(Put($"/api/v1/locations/{id}/positions", new { codes = new[] { "A-01" } }))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await staff.GetAsync($"/api/v1/locations/{Someone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---- shipping methods ----

    [Fact]
    public async Task ShippingMethods_CreateValidateAndUpdateWithIfMatch()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var carrier = $"c{Guid.NewGuid():N}"[..12];
        var created = await staff.PostAsJsonAsync("/api/v1/shipping-methods", new { carrier, service = "next-day", name = "Next day", countries = new[] { "GB" }, maxWeightGrams = 1000 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetString();

        await (await staff.PostAsJsonAsync("/api/v1/shipping-methods", new { carrier = "no spaces", service = "", name = "", countries = new[] { "ZZ" } }))
            .ShouldHaveFieldErrorsAsync("carrier", "service", "name", "countries[0]");
        var body = new { carrier, service = "next-day", name = "Next day (renamed)", countries = new[] { "GB" } };
        Assert.Equal(HttpStatusCode.OK, (await staff.SendAsync(Put($"/api/v1/shipping-methods/{id}", body).WithIfMatch(created.ETag()!))).StatusCode);
        await (await staff.SendAsync(Put($"/api/v1/shipping-methods/{id}", body).WithIfMatch(created.ETag()!))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await staff.SendAsync(Put($"/api/v1/shipping-methods/{Someone}", body).WithIfMatch("\"1\""))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---- shipments ----

    [Fact]
    public async Task Shipments_CreateListExportAndCancel()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (location, _) = await CreateLocationAsync(staff, "A-01");
        var locationId = location.GetProperty("location").GetProperty("id").GetString()!;
        var sku = $"SKU-{Guid.NewGuid():N}"[..14].ToUpperInvariant();

        var response = await staff.PostAsJsonAsync("/api/v1/shipments", NewShipment(locationId, sku));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var shipment = (await response.JsonAsync()).GetProperty("shipment");
        var id = shipment.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/shipments/{id}", response.Headers.Location?.ToString());
        Assert.Matches("^SH-\\d{6}$", shipment.GetProperty("number").GetString());
        Assert.Equal("Open", shipment.GetProperty("status").GetString());

        var page = await (await staff.GetAsync($"/api/v1/shipments?q={sku}&status=Open&locationId={locationId}")).JsonAsync();
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        await (await staff.GetAsync("/api/v1/shipments?status=Lost")).ShouldHaveFieldErrorsAsync("status");
        var csv = await staff.GetAsync($"/api/v1/shipments/export?q={sku}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains(shipment.GetProperty("number").GetString()!, await csv.Content.ReadAsStringAsync());

        await (await staff.PostAsJsonAsync("/api/v1/shipments", new { locationId, lines = Array.Empty<object>() })).ShouldHaveFieldErrorsAsync("lines", "from.line1", "to.name");
        await (await staff.GetAsync($"/api/v1/shipments/{Someone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await staff.SendAsync(Post($"/api/v1/shipments/{id}/cancel", new { reason = "Order cancelled" }).WithIfMatch(response.ETag()!))).StatusCode);
        var again = await (await staff.SendAsync(Post($"/api/v1/shipments/{id}/cancel").WithIfMatch("*"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("shipment.canceled", again.Code());
        await (await staff.SendAsync(Post($"/api/v1/shipments/{id}/cancel").WithIfMatch("\"1\""))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Backorder_SendsTheMissingUnitsAgainOnce()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        using var warehouse = await factory.ClientWithRoleAsync(Roles.Warehouse);
        var (location, _) = await CreateLocationAsync(staff, "A-01");
        var shipment = await CreateShipmentAsync(staff, location.GetProperty("location").GetProperty("id").GetString()!, quantity: 3);
        var id = shipment.GetProperty("id").GetString()!;
        var (listId, _) = await CreateListAsync(staff, id);
        var read = await staff.GetAsync($"/api/v1/shipments/{id}");

        var none = await (await staff.SendAsync(Post($"/api/v1/shipments/{id}/backorder").WithIfMatch(read.ETag()!))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("shipment.nothing_to_backorder", none.Code());
        Assert.Equal(HttpStatusCode.OK, (await warehouse.PutAsJsonAsync($"/api/v1/handling-lists/{listId}/items", new { key = "m1", sku = "MUG", quantity = 2, missing = true, reason = "Empty" })).StatusCode);
        await (await staff.SendAsync(Post($"/api/v1/shipments/{id}/backorder"))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await staff.SendAsync(Post($"/api/v1/shipments/{id}/backorder").WithIfMatch("\"99\""))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);

        var created = await staff.SendAsync(Post($"/api/v1/shipments/{id}/backorder").WithIfMatch(read.ETag()!));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var backorder = await created.JsonAsync();
        var backorderId = backorder.GetProperty("shipment").GetProperty("id").GetString();
        Assert.Equal($"/api/v1/shipments/{backorderId}", created.Headers.Location?.ToString());
        Assert.Equal(id, backorder.GetProperty("backorderOf").GetProperty("id").GetString());
        Assert.Equal(2, backorder.GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        Assert.Equal("Open", backorder.GetProperty("shipment").GetProperty("status").GetString());
        var original = await (await staff.GetAsync($"/api/v1/shipments/{id}")).JsonAsync();
        Assert.Equal(backorderId, original.GetProperty("backorders")[0].GetProperty("id").GetString());
        var again = await (await staff.SendAsync(Post($"/api/v1/shipments/{id}/backorder").WithIfMatch(read.ETag()!))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("shipment.nothing_to_backorder", again.Code());
        await (await staff.SendAsync(Post($"/api/v1/shipments/{Someone}/backorder").WithIfMatch("\"1\""))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---- handling lists, picks and parcels: one walk through ----

    [Fact]
    public async Task AListIsPickedPackedAndShipped_WithEveryRefusalItsOwnCode()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        using var warehouse = await factory.ClientWithRoleAsync(Roles.Warehouse);
        var (location, _) = await CreateLocationAsync(staff, "A-01");
        var locationId = location.GetProperty("location").GetProperty("id").GetString()!;
        var mine = await CreateShipmentAsync(staff, locationId);
        var other = await CreateShipmentAsync(staff, locationId, quantity: 1);
        var (listId, listETag) = await CreateListAsync(staff, mine.GetProperty("id").GetString()!, other.GetProperty("id").GetString()!);

        var elsewhere = await (await staff.PostAsJsonAsync("/api/v1/handling-lists", new { shipments = new[] { new { id = mine.GetProperty("id").GetString() } } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("shipment.already_listed", elsewhere.Code());
        await (await staff.PostAsJsonAsync("/api/v1/handling-lists", new { })).ShouldHaveFieldErrorsAsync("shipments");

        var lines = await (await warehouse.GetAsync($"/api/v1/handling-lists/{listId}/items")).JsonAsync();
        Assert.Equal(3, lines[0].GetProperty("quantity").GetInt32());

        await (await warehouse.PutAsJsonAsync($"/api/v1/handling-lists/{listId}/items", new { sku = "MUG" })).ShouldHaveFieldErrorsAsync("key");
        var wrong = await (await warehouse.PutAsJsonAsync($"/api/v1/handling-lists/{listId}/items", new { key = "w1", sku = "HAT" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("handling_list.sku_not_on_list", wrong.Code());
        Assert.Contains("Expected MUG at A-01", wrong.GetProperty("detail").GetString());
        var tooMany = await (await warehouse.PutAsJsonAsync($"/api/v1/handling-lists/{listId}/items", new { key = "w2", sku = "MUG", quantity = 4 })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("handling_list.quantity_above_left", tooMany.Code());

        var pick = await warehouse.PutAsJsonAsync($"/api/v1/handling-lists/{listId}/items", new { key = "p1", sku = "mug", quantity = 3 });
        Assert.Equal(HttpStatusCode.OK, pick.StatusCode);
        var retry = await (await warehouse.PutAsJsonAsync($"/api/v1/handling-lists/{listId}/items", new { key = "p1", sku = "mug", quantity = 3 })).JsonAsync();
        Assert.True(retry.GetProperty("replayed").GetBoolean());
        Assert.Equal(3, retry.GetProperty("listHandled").GetInt32());
        await (await warehouse.SendAsync(Post($"/api/v1/handling-lists/{listId}/items/nope/undo"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // A stale state change is a 412: the first pick moved the list to in progress.
        await (await warehouse.SendAsync(Put($"/api/v1/handling-lists/{listId}/state", new { action = "Finish" }).WithIfMatch(listETag))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        var current = await warehouse.GetAsync($"/api/v1/handling-lists/{listId}");
        await (await warehouse.SendAsync(Put($"/api/v1/handling-lists/{listId}/state", new { action = "Hold" }).WithIfMatch(current.ETag()!))).ShouldHaveFieldErrorsAsync("reason");
        var finished = await warehouse.SendAsync(Put($"/api/v1/handling-lists/{listId}/state", new { action = "Finish" }).WithIfMatch(current.ETag()!));
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        var afterwards = await (await warehouse.PutAsJsonAsync($"/api/v1/handling-lists/{listId}/items", new { key = "p2", sku = "MUG" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("handling_list.finished", afterwards.Code());

        // Packing: scan-to-verify, transit, finished; cancel refused once in transit.
        var mineId = mine.GetProperty("id").GetString();
        var otherUnit = (await (await staff.GetAsync($"/api/v1/shipments/{other.GetProperty("id").GetString()}")).JsonAsync()).GetProperty("units")[0].GetProperty("id").GetString();
        var parcel = await warehouse.PostAsJsonAsync("/api/v1/parcels", new { shipmentId = mineId, weightGrams = 900 });
        Assert.Equal(HttpStatusCode.Created, parcel.StatusCode);
        var parcelId = (await parcel.JsonAsync()).GetProperty("parcel").GetProperty("id").GetString();
        var foreign = await (await warehouse.PostAsJsonAsync($"/api/v1/parcels/{parcelId}/items", new { unitIds = new[] { otherUnit } })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("parcel.unit_of_another_shipment", foreign.Code());
        var boxed = await warehouse.PostAsJsonAsync($"/api/v1/parcels/{parcelId}/items", new { sku = "MUG", quantity = 2 });
        Assert.True((await boxed.JsonAsync()).GetProperty("shipmentComplete").GetBoolean());
        await (await warehouse.SendAsync(Put($"/api/v1/parcels/{parcelId}/transit", new { }))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        var transit = await warehouse.SendAsync(Put($"/api/v1/parcels/{parcelId}/transit", new { }).WithIfMatch(boxed.ETag()!));
        Assert.Equal(HttpStatusCode.OK, transit.StatusCode);
        var inTransit = await (await staff.SendAsync(Post($"/api/v1/shipments/{mineId}/cancel").WithIfMatch("*"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("shipment.in_transit", inTransit.Code());
        Assert.Equal(HttpStatusCode.OK, (await warehouse.SendAsync(Put($"/api/v1/parcels/{parcelId}/finished", new { }).WithIfMatch(transit.ETag()!))).StatusCode);
        var done = await (await staff.GetAsync($"/api/v1/shipments/{mineId}")).JsonAsync();
        Assert.Equal("Finished", done.GetProperty("shipment").GetProperty("status").GetString());
        await (await warehouse.GetAsync($"/api/v1/parcels/{Someone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await warehouse.GetAsync($"/api/v1/handling-lists/{Someone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
