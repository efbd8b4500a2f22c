using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Admin;

public sealed class StaffUserListTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private StaffUserService Service => _store.Get<StaffUserService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Admin);
        await _store.AddStaffUserAsync("ada@example.com", "Ada Lovelace", Roles.Admin);
        _store.Clock.Advance(TimeSpan.FromMinutes(1));
        await _store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        _store.Clock.Advance(TimeSpan.FromMinutes(1));
        await _store.AddStaffUserAsync("alan@example.org", "Alan Turing", Roles.Staff, Roles.Warehouse);
        _store.Clock.Advance(TimeSpan.FromMinutes(1));
        await _store.AddStaffUserAsync("edsger@example.org", "Edsger Dijkstra", Roles.Viewer);
        _store.Clock.Advance(TimeSpan.FromMinutes(1));
        var barbara = await _store.AddStaffUserAsync("barbara@example.com", "Barbara Liskov", Roles.Staff);
        await Service.SetDisabledAsync(barbara.Id, true, barbara.Version);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task List_ByDefault_IsSortedByEmailWithTotal()
    {
        var page = await Service.ListAsync(new StaffUserQuery());

        Assert.Equal(5, page.Total);
        Assert.Equal(["ada@example.com", "alan@example.org", "barbara@example.com", "edsger@example.org", "grace@example.com"],
            page.Items.Select(u => u.Email));
    }

    [Fact]
    public async Task List_SecondPageSortedByName_ShowsTheNextRowsAndTheFullTotal()
    {
        var page = await Service.ListAsync(new StaffUserQuery { Sort = "displayName", Page = 2, PageSize = 2 });

        Assert.Equal(["Barbara Liskov", "Edsger Dijkstra"], page.Items.Select(u => u.DisplayName));
        Assert.Equal(5, page.Total);
        Assert.Equal(3, page.PageCount);
    }

    [Fact]
    public async Task List_LastPage_HoldsTheRemainder()
    {
        var page = await Service.ListAsync(new StaffUserQuery { Sort = "displayName", Page = 3, PageSize = 2 });

        Assert.Equal("Grace Hopper", Assert.Single(page.Items).DisplayName);
    }

    [Fact]
    public async Task List_SortedByCreatedAtDescending_ShowsNewestFirst()
    {
        var page = await Service.ListAsync(new StaffUserQuery { Sort = "-createdAt" });

        Assert.Equal(["Barbara Liskov", "Edsger Dijkstra", "Alan Turing", "Grace Hopper", "Ada Lovelace"],
            page.Items.Select(u => u.DisplayName));
    }

    [Fact]
    public async Task List_FilteredByRole_ShowsOnlyHoldersOfThatRole()
    {
        var page = await Service.ListAsync(new StaffUserQuery { Role = Roles.Staff, Sort = "displayName" });

        Assert.Equal(["Alan Turing", "Barbara Liskov", "Grace Hopper"], page.Items.Select(u => u.DisplayName));
        Assert.Equal(3, page.Total);
        Assert.Equal([Roles.Staff, Roles.Warehouse], page.Items[0].Roles);
    }

    [Fact]
    public async Task List_FilteredByDisabled_ShowsOnlyDisabledUsers()
    {
        var disabled = await Service.ListAsync(new StaffUserQuery { Disabled = true });
        var enabled = await Service.ListAsync(new StaffUserQuery { Disabled = false });

        Assert.Equal("Barbara Liskov", Assert.Single(disabled.Items).DisplayName);
        Assert.Equal(1, disabled.Total);
        Assert.Equal(4, enabled.Total);
        Assert.DoesNotContain(enabled.Items, u => u.IsDisabled);
    }

    [Theory]
    [InlineData("example.org", new[] { "Alan Turing", "Edsger Dijkstra" })]
    [InlineData("HOPPER", new[] { "Grace Hopper" })]
    [InlineData("  ada  ", new[] { "Ada Lovelace" })]
    [InlineData("nobody", new string[0])]
    public async Task List_Search_MatchesNameOrEmailIgnoringCase(string q, string[] expected)
    {
        var page = await Service.ListAsync(new StaffUserQuery { Q = q, Sort = "displayName" });

        Assert.Equal(expected, page.Items.Select(u => u.DisplayName));
        Assert.Equal(expected.Length, page.Total);
    }

    [Fact]
    public async Task List_FiltersCombine()
    {
        var page = await Service.ListAsync(new StaffUserQuery { Role = Roles.Staff, Disabled = false, Q = "example.com" });

        Assert.Equal("Grace Hopper", Assert.Single(page.Items).DisplayName);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task List_SortedByUnknownField_IsValidationErrorOnSort()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Service.ListAsync(new StaffUserQuery { Sort = "passwordHash" }));

        Assert.Equal(["sort"], ex.Errors.Keys);
    }

    [Fact]
    public async Task List_WithPageSize500_IsValidationErrorOnPageSize()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Service.ListAsync(new StaffUserQuery { PageSize = 500 }));

        Assert.Equal(["pageSize"], ex.Errors.Keys);
    }

    [Fact]
    public async Task List_FilteredByUnknownRole_IsValidationErrorOnRole()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Service.ListAsync(new StaffUserQuery { Role = "Root" }));

        Assert.Equal(["role"], ex.Errors.Keys);
    }
}
