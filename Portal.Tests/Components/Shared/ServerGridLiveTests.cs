using System.Linq.Expressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Common;
using Portal.Domain.LiveUpdates;

namespace Portal.Tests.Components.Shared;

/// <summary>
/// A live list: the page on screen is read again when a row on it changes or a record of its kind is added, once per
/// burst, keeping its page, filters and selection; changes of rows elsewhere leave it alone.
/// </summary>
public sealed class ServerGridLiveTests : PortalComponentTest
{
    private const string Kind = "Crop";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public sealed record Crop(string Id, string Name);

    public sealed record CropQuery : ListQuery;

    private readonly List<CropQuery> _asked = [];
    private List<Crop> _rows = [new("c1", "Barley"), new("c2", "Oats")];

    private ILiveUpdates Bus => Services.GetRequiredService<ILiveUpdates>();

    private Task<PagedResult<Crop>> LoadAsync(CropQuery query, CancellationToken ct)
    {
        lock (_asked) _asked.Add(query);
        return Task.FromResult(new PagedResult<Crop>([.. _rows], query.Page, query.PageSize, 60));
    }

    private int Asked { get { lock (_asked) return _asked.Count; } }

    private IRenderedComponent<ServerGrid<Crop, CropQuery>> RenderAt(string url, TimeSpan? interval = null)
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        Navigation.NavigateTo(url);
        var state = new GridUrlState(Navigation);
        var cut = Render<ServerGrid<Crop, CropQuery>>(p => p
            .Add(g => g.Url, state).Add(g => g.Load, LoadAsync).Add(g => g.Name, "crops").Add(g => g.Label, "Crops")
            .Add(g => g.Columns, NameColumn()).Add(g => g.Selectable, true)
            .Add(g => g.LiveKind, Kind).Add(g => g.RowId, c => c.Id).Add(g => g.LiveRefreshInterval, interval ?? TimeSpan.FromMilliseconds(200)));
        cut.WaitForAssertion(() => Assert.Equal(["Barley", "Oats"], Rows(cut)), Wait);
        return cut;
    }

    private static RenderFragment NameColumn() => b =>
    {
        b.OpenComponent<PropertyColumn<Crop, string>>(0);
        b.AddAttribute(1, nameof(PropertyColumn<Crop, string>.Property), (Expression<Func<Crop, string>>)(c => c.Name));
        b.CloseComponent();
    };

    private static List<string> Rows(IRenderedComponent<ServerGrid<Crop, CropQuery>> cut) =>
        cut.FindAll("tbody tr td:last-child").Select(td => td.TextContent.Trim()).ToList();

    private Task Saved(string? id, LiveChange change = LiveChange.Updated) =>
        Bus.PublishAsync(new LiveUpdate { Kind = Kind, Id = id, Change = change, Actor = "bea@test.example", ActorId = "u-bea" });

    [Fact]
    public async Task A_change_of_a_row_on_the_page_reads_the_same_page_again()
    {
        var cut = RenderAt("/crops?page=2&q=ba");
        var before = Asked;
        _rows = [new("c1", "Barley (winter)"), new("c2", "Oats")];

        await Saved("c1");

        cut.WaitForAssertion(() => Assert.Equal(["Barley (winter)", "Oats"], Rows(cut)), Wait);
        Assert.Equal(before + 1, Asked);
        Assert.Equal(new CropQuery { Page = 2, Q = "ba" }, _asked[^1]);
    }

    [Fact]
    public async Task A_change_of_a_row_elsewhere_leaves_the_page_alone_and_a_new_record_reads_it_again()
    {
        RenderAt("/crops");
        var before = Asked;

        await Saved("c99");
        await Task.Delay(300);
        Assert.Equal(before, Asked);

        await Saved("c100", LiveChange.Created); // it may match the filters
        await WaitUntilAsync(() => Asked == before + 1);
    }

    [Fact]
    public async Task A_burst_of_changes_is_one_read_at_its_start_and_one_after_it()
    {
        RenderAt("/crops", TimeSpan.FromMilliseconds(500));
        var before = Asked;

        for (var i = 0; i < 200; i++) await Saved(i % 2 == 0 ? "c1" : null);

        await WaitUntilAsync(() => Asked == before + 2);
        await Task.Delay(800);
        Assert.Equal(before + 2, Asked);
    }

    [Fact]
    public async Task The_selection_stays_when_a_selected_row_changes()
    {
        var cut = RenderAt("/crops");
        cut.FindAll("tbody .mud-checkbox input")[0].Change(true);
        Assert.Single(cut.Instance.Selected);
        _rows = [new("c1", "Barley (winter)"), new("c2", "Oats")];

        await Saved("c1");

        cut.WaitForAssertion(() => Assert.Equal(["Barley (winter)", "Oats"], Rows(cut)), Wait);
        Assert.Equal("c1", Assert.Single(cut.Instance.Selected).Id);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)cut.FindAll("tbody .mud-checkbox input")[0]).IsChecked);
    }

    [Fact]
    public async Task A_closed_list_hears_nothing()
    {
        RenderAt("/crops");
        await DisposeComponentsAsync();
        var before = Asked;

        await Saved("c1");
        await Task.Delay(300);

        Assert.Equal(before, Asked);
    }
}
