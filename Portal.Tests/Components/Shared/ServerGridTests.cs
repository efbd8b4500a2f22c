using System.Linq.Expressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Common;

namespace Portal.Tests.Components.Shared;

/// <summary>
/// The shared list component on its own, with a list that records what it is asked: the address names the query, a
/// filter change writes the address, the first page is read once (prerendered or not), and no rows and a bad address
/// each say so.
/// </summary>
public sealed class ServerGridTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public enum Colour { Red, Green }

    public sealed record Fruit(string Name);

    public sealed record FruitQuery : ListQuery
    {
        public Colour? Colour { get; init; }
        public Guid? GrowerId { get; init; }
    }

    private readonly List<FruitQuery> _asked = [];
    private Func<FruitQuery, PagedResult<Fruit>> _answer = q => new([new("Apple"), new("Cherry")], q.Page, q.PageSize, 2);

    private Task<PagedResult<Fruit>> LoadAsync(FruitQuery query, CancellationToken ct)
    {
        lock (_asked) _asked.Add(query);
        return Task.FromResult(_answer(query));
    }

    private IRenderedComponent<ServerGrid<Fruit, FruitQuery>> RenderAt(string url)
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        Navigation.NavigateTo(url);
        var state = new GridUrlState(Navigation);
        return Render<ServerGrid<Fruit, FruitQuery>>(p => p
            .Add(g => g.Url, state).Add(g => g.Load, LoadAsync).Add(g => g.Name, "fruit").Add(g => g.Label, "Fruit")
            .Add(g => g.NoRowsText, "No fruit here.").Add(g => g.Columns, NameColumn(state)));
    }

    private static RenderFragment NameColumn(GridUrlState url) => b =>
    {
        b.OpenComponent<PropertyColumn<Fruit, string>>(0);
        b.AddAttribute(1, nameof(PropertyColumn<Fruit, string>.Property), (Expression<Func<Fruit, string>>)(f => f.Name));
        b.AddAttribute(2, nameof(PropertyColumn<Fruit, string>.InitialDirection), url.DirectionFor(nameof(Fruit.Name)));
        b.CloseComponent();
    };

    private static List<string> Rows(IRenderedComponent<ServerGrid<Fruit, FruitQuery>> cut) =>
        cut.FindAll("tbody tr td").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public void The_address_names_the_page_size_sort_search_and_filters_asked_for()
    {
        var grower = Guid.CreateVersion7();
        _answer = q => new([new("Apple"), new("Cherry")], q.Page, q.PageSize, 200); // page 3 of 4

        var cut = RenderAt($"/fruit?colour=green&growerId={grower}&q=app&sort=-name&page=3&pageSize=50");

        cut.WaitForAssertion(() => Assert.Equal(["Apple", "Cherry"], Rows(cut)), Wait);
        Assert.Equal(new FruitQuery { Colour = Colour.Green, GrowerId = grower, Q = "app", Sort = "-name", Page = 3, PageSize = 50 }, Assert.Single(_asked));
    }

    [Fact]
    public async Task A_new_filter_is_written_to_the_address_and_asked_for_from_the_first_page()
    {
        var cut = RenderAt("/fruit?colour=red&sort=-name&page=2");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=fruit-first-page]")), Wait);

        await cut.InvokeAsync(() => cut.Instance.FilterAsync(cut.Instance.Query with { Colour = Colour.Green, Q = "ch" }));

        cut.WaitForAssertion(() => Assert.Equal(new FruitQuery { Colour = Colour.Green, Q = "ch", Sort = "-name", Page = 1 }, _asked[^1]), Wait);
        Assert.Equal("Green", QueryValue("colour"));
        Assert.Equal("ch", QueryValue("q"));
        Assert.Equal("-name", QueryValue("sort"));
        Assert.Null(QueryValue("page"));
    }

    [Fact]
    public void Opened_within_the_app_the_first_page_is_read_once_and_the_live_grid_takes_it()
    {
        var cut = RenderAt("/fruit?sort=name");

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=fruit-first-page]"));
            Assert.Equal(["Apple", "Cherry"], Rows(cut));
        }, Wait);
        Assert.Single(_asked);
    }

    [Fact]
    public async Task The_handed_over_first_page_supplied_again_on_a_later_render_does_not_come_back()
    {
        var cut = RenderAt("/fruit");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=fruit-first-page]")), Wait);
        _answer = q => new([new("Damson")], q.Page, q.PageSize, 1);
        await cut.InvokeAsync(() => cut.Instance.FilterAsync(cut.Instance.Query with { Q = "d" }));
        cut.WaitForAssertion(() => Assert.Equal(["Damson"], Rows(cut)), Wait);

        // The framework sets a [PersistentState] property to the restored value each time the parent renders (bUnit
        // cannot supply it as a parameter: it is set the way the framework sets it, then rendered).
        await cut.InvokeAsync(() => cut.Instance.FirstPage = new PagedResult<Fruit>([new("Apple"), new("Cherry")], 1, 25, 2));
        cut.Render();

        Assert.Empty(cut.FindAll("[data-testid=fruit-first-page]"));
        Assert.Equal(["Damson"], Rows(cut));
    }

    [Fact]
    public void Prerendered_the_rows_are_in_the_first_response()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = RenderAt("/fruit");

        var first = cut.Find("[data-testid=fruit-first-page]");
        Assert.Equal(["Apple", "Cherry"], first.QuerySelectorAll("tbody td").Select(td => td.TextContent.Trim()));
        Assert.Single(_asked);
    }

    [Fact]
    public void No_rows_says_so()
    {
        _answer = q => new([], q.Page, q.PageSize, 0);

        var cut = RenderAt("/fruit?colour=red");

        cut.WaitForAssertion(() => Assert.Contains("No fruit here.", cut.Markup), Wait);
        Assert.Empty(cut.FindAll("[data-testid=grid-error]"));
    }

    [Fact]
    public void A_bad_sort_in_the_address_is_a_message_and_no_rows()
    {
        _answer = q => q.Sort == "secret" ? throw DomainValidationException.For("sort", "Cannot sort by 'secret'.") : new([new("Apple")], 1, 25, 1);

        var cut = RenderAt("/fruit?sort=secret");

        cut.WaitForAssertion(() => Assert.Equal("Cannot sort by 'secret'.", cut.Find("[data-testid=grid-error]").TextContent.Trim()), Wait);
        Assert.Contains("No fruit here.", cut.Markup);
        Assert.DoesNotContain("Apple", cut.Markup);
        Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Cannot sort by 'secret'.");
        Assert.Single(_asked); // the live grid does not ask again for what its first read was refused
    }

    [Fact]
    public void An_unreadable_filter_in_the_address_is_left_out()
    {
        var cut = RenderAt("/fruit?colour=purple&growerId=not-an-id&q=a");

        cut.WaitForAssertion(() => Assert.Equal(["Apple", "Cherry"], Rows(cut)), Wait);
        Assert.Equal(new FruitQuery { Q = "a" }, Assert.Single(_asked));
    }
}
