using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>The two ways to make a handling list: from chosen shipments (tote labels) and from a rule; bad input is said under its field.</summary>
public sealed class CreateHandlingListDialogTests : LogisticsComponentTest
{
    private LocationDetails _location = default!;
    private List<ShipmentRow> _shipments = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _location = await AddLocationAsync("Leeds DC", "A1");
        for (var i = 1; i <= 3; i++) await AddShipmentAsync(_location.Location.Id, $"ORD-{i}", ($"SKU-{i}", 1, "A1"));
        _shipments = [.. (await ShipmentsService.ListAsync(new ShipmentQuery { Sort = "number" })).Items];
    }

    private async Task<int> StoredListsAsync()
    {
        await using var db = await DbAsync();
        return await db.HandlingLists.CountAsync();
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenFromSelectionAsync()
    {
        var provider = RenderDialogProvider();
        var parameters = new DialogParameters<CreateHandlingListDialog> { { d => d.Shipments, _shipments } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateHandlingListDialog>("Create a handling list", parameters));
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll("label"), l => l.TextContent.Contains("Tote for")), Wait);
        return provider;
    }

    [Fact]
    public async Task Prefills_tote_labels_A_B_C_in_the_order_of_the_shipments()
    {
        var dialog = await OpenFromSelectionAsync();

        Assert.Equal("A", InputLabelled(dialog, $"Tote for {_shipments[0].Number}").GetAttribute("value"));
        Assert.Equal("B", InputLabelled(dialog, $"Tote for {_shipments[1].Number}").GetAttribute("value"));
        Assert.Equal("C", InputLabelled(dialog, $"Tote for {_shipments[2].Number}").GetAttribute("value"));
    }

    [Fact]
    public async Task A_repeated_or_bad_label_is_said_under_its_field_and_nothing_is_saved()
    {
        var dialog = await OpenFromSelectionAsync();

        InputLabelled(dialog, $"Tote for {_shipments[1].Number}").Input("A");
        InputLabelled(dialog, $"Tote for {_shipments[2].Number}").Input("C 1");
        Button(dialog, "Create list").Click();

        dialog.WaitForAssertion(() =>
        {
            Assert.Contains("Another tote on this list has this label.", FieldText(InputLabelled(dialog, $"Tote for {_shipments[1].Number}")));
            Assert.Contains("A label has only letters, digits and '-'.", FieldText(InputLabelled(dialog, $"Tote for {_shipments[2].Number}")));
        }, Wait);
        Assert.Equal(0, await StoredListsAsync());
        Assert.NotEmpty(dialog.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task Creates_the_list_with_the_labels_given()
    {
        var dialog = await OpenFromSelectionAsync();

        InputLabelled(dialog, $"Tote for {_shipments[0].Number}").Input("red");
        Button(dialog, "Create list").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll(".mud-dialog")), Wait);
        var list = (await Lists.ListAsync(new HandlingListQuery())).Items.Single();
        var details = await Lists.GetAsync(list.Id);
        Assert.Equal(["RED", "B", "C"], details.Shipments.OrderBy(s => s.Number).Select(s => s.Label));
    }

    [Fact]
    public async Task The_rule_needs_a_location_and_a_count_in_range()
    {
        var provider = RenderDialogProvider();
        var parameters = new DialogParameters<CreateListFromRuleDialog> { { d => d.Locations, [_location.Location] } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateListFromRuleDialog>("Create from rule", parameters));
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll("label"), l => l.TextContent.Contains("At most")), Wait);

        InputLabelled(provider, "At most").Change("0");
        Button(provider, "Create list").Click();

        provider.WaitForAssertion(() =>
        {
            Assert.Contains("Choose the location to pick at.", provider.Markup);
            Assert.Contains("A rule takes between 1 and", FieldText(InputLabelled(provider, "At most")));
        }, Wait);
        Assert.Equal(0, await StoredListsAsync());
    }

    [Fact]
    public async Task The_rule_takes_the_open_shipments_at_the_location()
    {
        var provider = RenderDialogProvider();
        var parameters = new DialogParameters<CreateListFromRuleDialog> { { d => d.Locations, [_location.Location] }, { d => d.LocationId, _location.Location.Id } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateListFromRuleDialog>("Create from rule", parameters));
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll("label"), l => l.TextContent.Contains("At most")), Wait);

        InputLabelled(provider, "At most").Change("2");
        Button(provider, "Create list").Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")), Wait);
        var list = (await Lists.ListAsync(new HandlingListQuery())).Items.Single();
        Assert.Equal(2, list.ShipmentCount);
    }
}
