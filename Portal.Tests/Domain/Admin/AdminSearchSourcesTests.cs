using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Admin;

/// <summary>The palette's staff users and API keys: found by name (and a user by email), for Admins alone.</summary>
public sealed class AdminSearchSourcesTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private ISearchSource Source(string area) => _store.Get<IEnumerable<ISearchSource>>().Single(s => s.Area == area);
    private Task<IReadOnlyList<SearchHit>> FindAsync(string area, string text) => Source(area).SearchAsync(text, 5, CancellationToken.None);

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Admin);
        await _store.AddStaffUserAsync("grace@navy.example", "Grace Hopper", Roles.Staff);
        await _store.AddStaffUserAsync("alan@bletchley.example", "Alan Turing", Roles.Viewer);
        await _store.Get<ApiKeyService>().CreateAsync(new CreateApiKey { Name = "Warehouse scanners", Role = Roles.Warehouse });
        await _store.Get<ApiKeyService>().CreateAsync(new CreateApiKey { Name = "Billing sync", Role = Roles.Viewer });
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("Grace Hopper", SearchRank.Exact)]
    [InlineData("gra", SearchRank.Prefix)]
    [InlineData("hopper", SearchRank.Contains)]
    [InlineData("GRACE@NAVY.EXAMPLE", SearchRank.Exact)]
    [InlineData("navy.ex", SearchRank.Contains)]
    public async Task StaffUsers_ByNameOrEmail(string text, int rank)
    {
        var hit = Assert.Single(await FindAsync("Staff users", text));
        Assert.Equal(("Staff user", "Grace Hopper", "grace@navy.example", rank), (hit.Kind, hit.Title, hit.Subtitle, hit.Rank));
        Assert.StartsWith("/admin/staff-users/", hit.Href);
    }

    [Theory]
    [InlineData("warehouse scanners", SearchRank.Exact)]
    [InlineData("Ware", SearchRank.Prefix)]
    [InlineData("scan", SearchRank.Contains)]
    public async Task ApiKeys_ByName(string text, int rank)
    {
        var hit = Assert.Single(await FindAsync("API keys", text));
        Assert.Equal(("API key", "Warehouse scanners", rank), (hit.Kind, hit.Title, hit.Rank));
        Assert.StartsWith("Warehouse · active · ptl_", hit.Subtitle);
        Assert.Equal("/admin/api-keys?q=Warehouse%20scanners", hit.Href);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Warehouse)]
    public async Task OnlyAdmins_FindStaffUsersOrApiKeys(string role)
    {
        _store.ActAs(role);

        await Assert.ThrowsAsync<ForbiddenException>(() => FindAsync("Staff users", "grace"));
        await Assert.ThrowsAsync<ForbiddenException>(() => FindAsync("API keys", "billing"));
        var groups = await _store.Get<PaletteSearch>().SearchAllAsync("grace");
        Assert.DoesNotContain(groups, g => g.Area is "Staff users" or "API keys");
    }
}
