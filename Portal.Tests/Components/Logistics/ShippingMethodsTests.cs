using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>The shipping methods list and its create/edit dialog (bad input said under each field).</summary>
public sealed class ShippingMethodsTests : LogisticsComponentTest
{
    private ShippingMethodService Methods => Services.GetRequiredService<ShippingMethodService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Methods.CreateAsync(new ShippingMethodFields { Carrier = "dpd", Service = "next-day", Name = "DPD Next Day", Countries = ["GB", "IE"], MaxWeightGrams = 30_000 });
        await Methods.CreateAsync(new ShippingMethodFields { Carrier = "dhl", Service = "express", Name = "DHL Express", IsEnabled = false });
    }

    [Fact]
    public void Lists_name_carrier_enabled_countries_and_weight()
    {
        RenderDialogProvider();
        var cut = Render<ShippingMethods>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count), Wait);
        var dpd = cut.FindAll("tbody tr").First(r => r.TextContent.Contains("DPD Next Day")).TextContent;
        Assert.Contains("GB, IE", dpd);
        Assert.Contains("30 kg", dpd);
        Assert.Contains("Active", dpd);
        var dhl = cut.FindAll("tbody tr").First(r => r.TextContent.Contains("DHL Express")).TextContent;
        Assert.Contains("All", dhl);
        Assert.Contains("Disabled", dhl);
    }

    [Fact]
    public void Bad_input_is_said_under_each_field_and_nothing_is_saved()
    {
        var dialogs = RenderDialogProvider();
        var cut = Render<ShippingMethods>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count), Wait);

        Button(cut, "New method").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")), Wait);
        InputLabelled(dialogs, "Carrier").Input("Royal Mail");
        InputLabelled(dialogs, "Countries").Input("GB, XX1");
        dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Create").Click();

        dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the name staff see.", FieldText(InputLabelled(dialogs, "Name")));
            Assert.Contains("A carrier is one word", FieldText(InputLabelled(dialogs, "Carrier")));
            Assert.Contains("Enter the carrier's service", FieldText(InputLabelled(dialogs, "Service")));
            Assert.Contains("'XX1' is not a country code", FieldText(InputLabelled(dialogs, "Countries")));
        }, Wait);
        Assert.Equal(2, cut.FindAll("tbody tr").Count);
    }

    [Fact]
    public async Task Edit_saves_the_change_and_a_viewer_gets_no_edit()
    {
        var dialogs = RenderDialogProvider();
        var cut = Render<ShippingMethods>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count), Wait);

        cut.FindAll("button").First(b => b.GetAttribute("aria-label") == "Edit DHL Express").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")), Wait);
        InputLabelled(dialogs, "Countries").Input("nl, be");
        dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Save").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Wait);
        Assert.Equal(["BE", "NL"], (await Methods.ListAsync(new ShippingMethodQuery { Q = "DHL" })).Items.Single().Countries);
        cut.WaitForAssertion(() => Assert.Contains("BE, NL", cut.FindAll("tbody tr").First(r => r.TextContent.Contains("DHL Express")).TextContent), Wait);

        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");
        var viewer = Render<ShippingMethods>();
        viewer.WaitForAssertion(() => Assert.Equal(2, viewer.FindAll("tbody tr").Count), Wait);
        Assert.DoesNotContain(viewer.FindAll("button"), b => b.TextContent.Trim() is "Edit" or "New method");
    }
}
