using Bunit;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;

namespace Portal.Tests.Components.Logistics;

public sealed class MyListsPageTests : PickScreenTest
{
    [Fact]
    public async Task ShowsFreeListsAndMineAtTheChosenLocation_OverdueInRed_AndOthersReadOnly_AndTakeOpensTheWalk()
    {
        var leeds = await AddLocationAsync("Leeds DC", "P1");
        var york = await AddLocationAsync("York DC", "P1");
        var overdue = await AddListAsync(leeds.Location.Id, DateTimeOffset.UtcNow.AddHours(-1), [("SKU-A", 2, "P1")], [("SKU-B", 1, "P1")]);
        var later = await AddListAsync(leeds.Location.Id, DateTimeOffset.UtcNow.AddHours(3), [("SKU-C", 1, "P1")]);
        var elsewhere = await AddListAsync(york.Location.Id, null, [("SKU-D", 1, "P1")]);
        var takenByOther = await AddListAsync(leeds.Location.Id, null, [("SKU-E", 1, "P1")]);
        await ActAsPickerAsync("Pat Picker");
        await Lists.ChangeStateAsync(takenByOther.List.Id, new() { Action = HandlingListAction.Take }, takenByOther.List.Version);
        await ActAsPickerAsync();

        Navigation.NavigateTo($"/pick?location={leeds.Location.Id}");
        RenderPopoverProvider();
        var cut = Render<MyLists>();

        var cards = cut.WaitForElements("[data-testid=pick-card]");
        Assert.Equal([overdue.List.Number, later.List.Number], cards.Select(c => c.QuerySelector(".pick-card-number")!.TextContent).ToArray());
        Assert.DoesNotContain(elsewhere.List.Number, cut.Markup);
        var first = cards[0];
        Assert.NotNull(first.QuerySelector(".pick-card-overdue"));
        Assert.StartsWith("Overdue", first.QuerySelector(".pick-card-due")!.TextContent.Trim());
        Assert.Null(cards[1].QuerySelector(".pick-card-overdue"));
        Assert.Contains("2 lines", first.QuerySelector(".pick-card-counts")!.TextContent);
        Assert.Contains("3 units", first.QuerySelector(".pick-card-counts")!.TextContent);
        var other = cut.Find("[data-testid=pick-card-other]");
        Assert.Contains(takenByOther.List.Number, other.TextContent);
        Assert.Contains("read only", other.TextContent);
        Assert.Empty(other.QuerySelectorAll("button"));

        first.QuerySelector("button")!.Click();

        cut.WaitForAssertion(() => Assert.EndsWith($"/pick/{overdue.List.Id}", Navigation.Uri));
        var taken = (await Lists.GetAsync(overdue.List.Id)).List;
        Assert.Equal(HandlingListState.Assigned, taken.State);
        Assert.NotEqual(takenByOther.List.PickerId, taken.PickerId);
    }
}
