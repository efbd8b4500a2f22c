using Bunit;
using Portal.Domain.Common;
using Portal.Features.Admin;

namespace Portal.Tests.Components.Admin;

/// <summary>The staff-users list shows the page, sort and filters its URL names, and writes changes back to the URL.</summary>
public sealed class StaffUsersGridTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // 32 Warehouse people (every fourth also a Viewer) and 8 Staff people: 40 in all.
        for (var i = 1; i <= 32; i++)
            await CreateUserAsync($"Warehouse {i:00}", $"wh{i:00}@example.com",
                i % 4 == 0 ? [Roles.Warehouse, Roles.Viewer] : [Roles.Warehouse]);
        for (var i = 1; i <= 8; i++)
            await CreateUserAsync($"Staff {i:00}", $"staff{i:00}@example.com", Roles.Staff);
    }

    private static List<string> Names(IRenderedComponent<StaffUsers> cut) =>
        cut.FindAll("tbody a.row-link").Select(a => a.TextContent.Trim()).ToList();

    private static List<string> Warehouse(params int[] numbers) => numbers.Select(n => $"Warehouse {n:00}").ToList();

    private IRenderedComponent<StaffUsers> RenderAt(string url)
    {
        RenderPopoverProvider();
        Navigation.NavigateTo(url);
        return Render<StaffUsers>();
    }

    [Fact]
    public void Shows_the_page_sort_and_role_filter_named_in_the_url()
    {
        var cut = RenderAt("/admin/staff-users?role=Warehouse&sort=-displayName&page=2&pageSize=25");

        // 32 Warehouse users by name, descending: page 1 is 32..08, page 2 is 07..01.
        cut.WaitForAssertion(() => Assert.Equal(Warehouse(7, 6, 5, 4, 3, 2, 1), Names(cut)), Wait);
        Assert.Equal("Warehouse", QueryValue("role"));
        Assert.Equal("-displayName", QueryValue("sort"));
        Assert.Equal("2", QueryValue("page"));
    }

    [Fact]
    public void Shows_the_first_page_in_the_default_order_without_a_query()
    {
        var cut = RenderAt("/admin/staff-users");

        // Default sort is by email: staff01..staff08 come before wh01..wh32; 25 to a page.
        var expected = Enumerable.Range(1, 8).Select(i => $"Staff {i:00}").Concat(Warehouse([.. Enumerable.Range(1, 17)])).ToList();
        cut.WaitForAssertion(() => Assert.Equal(expected, Names(cut)), Wait);
    }

    [Fact]
    public void Typing_a_search_narrows_the_rows_and_writes_q_into_the_url()
    {
        var cut = RenderAt("/admin/staff-users?role=Warehouse&sort=-displayName&page=2&pageSize=25");
        cut.WaitForAssertion(() => Assert.Equal(7, Names(cut).Count), Wait);

        cut.Find("input[type=text]").Input("Warehouse 1");

        // A new search starts again at the first page: Warehouse 19..10, newest filter kept in the URL.
        cut.WaitForAssertion(() => Assert.Equal(Warehouse(19, 18, 17, 16, 15, 14, 13, 12, 11, 10), Names(cut)), Wait);
        Assert.Equal("Warehouse 1", QueryValue("q"));
        Assert.Equal("Warehouse", QueryValue("role"));
        Assert.Null(QueryValue("page"));
    }

    [Fact]
    public void Choosing_a_role_filters_the_rows_starts_again_at_the_first_page_and_writes_role_into_the_url()
    {
        var popovers = RenderPopoverProvider();
        Navigation.NavigateTo("/admin/staff-users?sort=-displayName&page=2");
        var cut = Render<StaffUsers>();
        // All 40 by name, descending: page 2 holds the last 15 (Warehouse 07..01, then Staff 08..01).
        cut.WaitForAssertion(() => Assert.Equal(15, Names(cut).Count), Wait);

        var roleSelect = cut.FindAll(".mud-select").First(s => s.QuerySelector("label")?.TextContent.Trim() == "Role");
        roleSelect.QuerySelector(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), li => li.TextContent.Trim() == Roles.Warehouse), Wait);
        popovers.FindAll(".mud-list-item").First(li => li.TextContent.Trim() == Roles.Warehouse).Click();

        // 32 Warehouse people, descending, first page: 32..08.
        cut.WaitForAssertion(() => Assert.Equal(Warehouse([.. Enumerable.Range(8, 25).Reverse()]), Names(cut)), Wait);
        Assert.Equal(Roles.Warehouse, QueryValue("role"));
        Assert.Equal("-displayName", QueryValue("sort"));
        Assert.Null(QueryValue("page"));
    }

    [Fact]
    public void Prerendered_the_first_page_of_rows_is_in_the_first_response()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var cut = RenderAt("/admin/staff-users?role=Staff&sort=-displayName");

        var first = cut.Find("[data-testid=staff-users-first-page]");
        Assert.Equal(Enumerable.Range(1, 8).Reverse().Select(i => $"Staff {i:00}"), first.QuerySelectorAll("a.row-link").Select(a => a.TextContent.Trim()));
    }
}
