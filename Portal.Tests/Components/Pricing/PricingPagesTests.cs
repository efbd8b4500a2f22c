using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Pricing;
using Portal.Features.Pricing;

namespace Portal.Tests.Components.Pricing;

/// <summary>A group's page: the prices grid (states worked out on the server, filters in the address, cancel only for planned) and the import wizard.</summary>
public sealed class PricingPagesTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private PricingGroupRow _group = default!;

    private PricingGroupService Groups => Services.GetRequiredService<PricingGroupService>();
    private PriceService Prices => Services.GetRequiredService<PriceService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _group = await Groups.CreateAsync(new CreatePricingGroup { Name = "Retail NL", Currency = Currencies.EUR, IncludesVat = true });
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var version = _group.Version;
        async Task Add(string sku, long amount, DateTimeOffset? at) =>
            version = (await Prices.ScheduleAsync(_group.Id, new SchedulePrice { Sku = sku, Amount = amount, ActiveAt = at, Vat = [new VatRate("NL", null, 21)] }, version)).Version;
        await Add("TEE", 1000, null);
        await Task.Delay(5);
        await Add("TEE", 1100, null); // from a moment later: the first is superseded
        await Add("TEE", 1300, now.AddDays(30));
        await Add("CAP", 500, null);
    }

    private IRenderedComponent<PricingGroupDetail> RenderDetail()
    {
        RenderDialogProvider();
        Render<MudSnackbarProvider>();
        var cut = Render<PricingGroupDetail>(p => p.Add(d => d.Id, _group.Id));
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("tbody tr").Count), Wait);
        return cut;
    }

    private static string RowText(IRenderedComponent<PricingGroupDetail> cut, string sku, string amount) =>
        cut.FindAll("tbody tr").Single(r => r.TextContent.Contains(sku) && r.TextContent.Contains(amount)).TextContent;

    [Fact]
    public void The_grid_shows_each_price_with_its_state_and_only_a_planned_one_can_be_cancelled()
    {
        var cut = RenderDetail();

        Assert.Contains("Superseded", RowText(cut, "TEE", "€10.00"));
        Assert.Contains("In force", RowText(cut, "TEE", "€11.00"));
        Assert.Contains("Planned", RowText(cut, "TEE", "€13.00"));
        var cancels = cut.FindAll("button").Where(b => b.GetAttribute("aria-label")?.StartsWith("Cancel the planned price", StringComparison.Ordinal) == true).ToList();
        Assert.Single(cancels);
        Assert.Equal("Cancel the planned price of TEE", cancels[0].GetAttribute("aria-label"));
    }

    [Fact]
    public void Filtering_by_state_asks_the_server_and_puts_the_filter_in_the_address()
    {
        Navigation.NavigateTo($"/pricing-groups/{_group.Id}?state=InForce");
        RenderDialogProvider();
        var cut = Render<PricingGroupDetail>(p => p.Add(d => d.Id, _group.Id));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count), Wait);
        Assert.All(cut.FindAll("tbody tr"), r => Assert.Contains("In force", r.TextContent));
        Assert.Equal("InForce", QueryValue("state"));
    }

    [Fact]
    public async Task The_import_wizard_refuses_a_bad_row_then_applies_the_fixed_rows_all_at_once()
    {
        var provider = RenderDialogProvider();
        Render<MudSnackbarProvider>();
        var cut = Render<PricingGroupDetail>(p => p.Add(d => d.Id, _group.Id));
        cut.WaitForAssertion(() => Button(cut, "Import prices").Click(), Wait);
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll("[role=tab]"), t => t.TextContent.Trim() == "Paste rows"), Wait);
        provider.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Paste rows").Click();

        InputLabelled(provider, "Rows").Input("TEE,1100,,,NL:21\nNEW-SKU,-1,,,\nCAP,650,700,,NL:21");
        Button(provider, "Preview").Click();
        provider.WaitForAssertion(() => Assert.Contains("3 rows: 0 new, 1 changed, 1 unchanged, 1 refused", provider.Find("[data-testid=import-summary]").TextContent), Wait);
        Assert.Contains("An amount cannot be negative.", provider.Find(".import-errors").TextContent);
        Assert.True(provider.FindAll("button").Single(b => b.TextContent.Trim().StartsWith("Apply", StringComparison.Ordinal)).HasAttribute("disabled"));

        InputLabelled(provider, "Rows").Input("TEE,1100,,,NL:21\nNEW-SKU,100,,,\nCAP,650,700,,NL:21");
        Button(provider, "Preview").Click();
        provider.WaitForAssertion(() => Assert.Contains("1 new, 1 changed, 1 unchanged, 0 refused", provider.Find("[data-testid=import-summary]").TextContent), Wait);
        Assert.Contains("€5.00", provider.Find("[data-testid=import-preview]").TextContent); // CAP's old amount beside its new one
        Button(provider, "Apply 2 prices").Click();

        provider.WaitForAssertion(() => Assert.Contains("Applied: 1 new and 1 changed prices saved", provider.Find("[data-testid=import-summary]").TextContent), Wait);
        await using var db = await DbAsync();
        Assert.Equal(6, await db.Prices.CountAsync(p => p.GroupId == _group.Id));

        // Done closes the dialog (the shared dialog is the dialog: nothing nested to keep it open) and the page reads the group again.
        Button(provider, "Done").Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")), Wait);
        cut.WaitForAssertion(() => Assert.Contains("Price rows6", cut.Find("dl.facts").TextContent), Wait);
    }
}
