using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>The new-organisation dialog says what is wrong under each field and saves nothing until it is right.</summary>
public sealed class CreateOrganisationDialogTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var provider = RenderDialogProvider();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<CreateOrganisationDialog>("New organisation"));
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll("label"), l => l.TextContent.Contains("Owner's email")), Wait);
        return provider;
    }

    private async Task<int> StoredOrganisationsAsync()
    {
        await using var db = await DbAsync();
        return await db.Organisations.CountAsync();
    }

    private static string SelectText(IRenderedComponent<MudDialogProvider> dialog, string label) =>
        dialog.FindAll(".mud-select").First(s => s.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label).TextContent;

    [Fact]
    public async Task Shows_a_message_under_each_wrong_field_and_saves_nothing()
    {
        var dialog = await OpenAsync();

        InputLabelled(dialog, "Billing email").Input("not-an-address");
        // Clearing the country leaves none chosen: the country rule speaks.
        dialog.FindAll(".mud-select").First(s => s.TextContent.Contains("Country")).QuerySelector(".mud-input-clear-button")!.Click();
        InputLabelled(dialog, "Owner's email").Input("owner@");
        Button(dialog, "Create").Click();

        dialog.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the organisation's name.", FieldText(InputLabelled(dialog, "Name")));
            Assert.Contains("Enter an email address like name@example.com.", FieldText(InputLabelled(dialog, "Billing email")));
            Assert.Contains("Choose a country", SelectText(dialog, "Country"));
            Assert.Contains("Enter a first name.", FieldText(InputLabelled(dialog, "First name")));
            Assert.Contains("Enter an email address like name@example.com.", FieldText(InputLabelled(dialog, "Owner's email")));
        }, Wait);
        Assert.Equal(0, await StoredOrganisationsAsync());
        Assert.NotEmpty(dialog.FindAll(".mud-dialog")); // still open
    }

    [Fact]
    public async Task Creates_a_pending_organisation_with_its_owner_when_everything_is_right()
    {
        var dialog = await OpenAsync();

        InputLabelled(dialog, "Name").Input("Up Marden Farms");
        InputLabelled(dialog, "Billing email").Input("accounts@upmarden.example");
        InputLabelled(dialog, "First name").Input("Olive");
        InputLabelled(dialog, "Last name").Input("Owner");
        InputLabelled(dialog, "Owner's email").Input("olive@upmarden.example");
        Button(dialog, "Create").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll(".mud-dialog")), Wait);
        await using var db = await DbAsync();
        var stored = Assert.Single(await db.Organisations.Include(o => o.Members).ToListAsync());
        Assert.Equal("Up Marden Farms", stored.Name);
        Assert.Equal("GB", stored.CountryCode);
        Assert.Equal("olive@upmarden.example", stored.Owner?.Email);
    }

    [Fact]
    public async Task Warns_of_a_likely_duplicate_before_saving_then_opens_it_or_creates_when_confirmed()
    {
        var existing = await Orgs.CreateAsync(new Portal.Domain.Organisations.CreateOrganisation
        {
            Name = "Up Marden Farms Ltd", BillingEmail = "accounts@upmarden.example", CountryCode = "GB", CompanyNumber = "01234567",
        });
        var dialog = await OpenAsync();

        InputLabelled(dialog, "Name").Input("Up-Marden Farms Limited");
        InputLabelled(dialog, "Billing email").Input("invoices@upmarden.example");
        dialog.FindComponent<MudSwitch<bool>>().Find("input").Change(false); // no owner
        Button(dialog, "Create").Click();

        dialog.WaitForAssertion(() => Assert.Contains("This looks like an organisation Portal already has", dialog.Markup), Wait);
        Assert.Contains("same name, same billing-email domain", dialog.Find("[aria-label='Likely duplicates']").TextContent);
        // At the top of the dialog, before the first field (below the owner's fields it was out of view on a phone).
        var content = dialog.Find(".mud-dialog-content").InnerHtml;
        Assert.InRange(content.IndexOf("data-testid=\"duplicate-warning\"", StringComparison.Ordinal), 0, content.IndexOf("<form", StringComparison.Ordinal));
        Assert.Equal(1, await StoredOrganisationsAsync()); // nothing saved yet
        // The form re-renders once more as its busy state ends; a click found before that would hit a stale handler.
        dialog.WaitForAssertion(() => dialog.Find($"button[aria-label='Open Up Marden Farms Ltd']").Click(), Wait);
        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll(".mud-dialog")), Wait);
        Assert.EndsWith($"/organisations/{existing.Organisation.Id}", Navigation.Uri);

        var dialogs = Services.GetRequiredService<IDialogService>();
        await dialog.InvokeAsync(() => dialogs.ShowAsync<CreateOrganisationDialog>("New organisation"));
        var again = dialog;
        again.WaitForAssertion(() => Assert.NotEmpty(again.FindAll(".mud-dialog")), Wait);
        InputLabelled(again, "Name").Input("Up-Marden Farms Limited");
        InputLabelled(again, "Billing email").Input("invoices@upmarden.example");
        again.FindComponent<MudSwitch<bool>>().Find("input").Change(false);
        Button(again, "Create").Click();
        again.WaitForAssertion(() => Button(again, "It is a different organisation: create it").Click(), Wait);
        again.WaitForAssertion(() => Assert.Empty(again.FindAll(".mud-dialog")), Wait);
        Assert.Equal(2, await StoredOrganisationsAsync());
    }
}
