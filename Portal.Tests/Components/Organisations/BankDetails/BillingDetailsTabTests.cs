using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>The Billing details tab: masked for everyone, changed by Admin and Staff, revealed briefly to an Admin only.</summary>
public sealed class BillingDetailsTabTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private OrganisationBankDetailsService BankDetails => Services.GetRequiredService<OrganisationBankDetailsService>();

    private async Task<BillingDetails> OrgWithBankDetailsAsync(OrganisationStatus status = OrganisationStatus.Pending)
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var billing = await BankDetails.SetAsync(org.Id, new UpdateBankDetails
        {
            AccountHolderName = "Up Marden Farms Ltd", BankName = "Barclays", SortCode = "40-47-84", AccountNumber = "31926819", Version = org.Version,
        });
        if (status == OrganisationStatus.Archived)
            await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = billing.Version });
        return await BankDetails.GetAsync(org.Id);
    }

    private IRenderedComponent<OrganisationBillingDetails> RenderTab(BillingDetails billing, bool canWrite, TimeSpan? revealFor = null)
    {
        RenderDialogProvider();
        return Render<OrganisationBillingDetails>(p => p
            .Add(c => c.OrganisationId, billing.OrganisationId).Add(c => c.Version, billing.Version).Add(c => c.CanWrite, canWrite)
            .Add(c => c.RevealFor, revealFor ?? TimeSpan.FromSeconds(30)));
    }

    private static List<string> Buttons(IRenderedComponent<OrganisationBillingDetails> cut) =>
        cut.FindAll("[data-testid=bank-details-actions] button").Select(b => b.TextContent.Trim()).ToList();

    [Fact]
    public async Task An_admin_sees_them_masked_reveals_them_and_after_the_time_they_are_masked_again()
    {
        var billing = await OrgWithBankDetailsAsync();

        var cut = RenderTab(billing, canWrite: true, revealFor: TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal(["Reveal", "Edit", "Remove"], Buttons(cut)), Wait);
        Assert.Contains("accounts@example.com", cut.Markup);
        Assert.Contains("••-••-84", cut.Find("[data-testid=sort-code]").TextContent);
        Assert.Contains("••••6819", cut.Find("[data-testid=account-number]").TextContent);
        Assert.DoesNotContain("31926819", cut.Markup);

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Reveal").Click();

        cut.WaitForAssertion(() => Assert.Equal("31926819", cut.Find("[data-testid=account-number]").TextContent.Trim()), Wait);
        Assert.Equal("40-47-84", cut.Find("[data-testid=sort-code]").TextContent.Trim());
        Assert.NotNull(cut.Find("[aria-label='Copy account number']"));
        Assert.Contains("Shown for", cut.Find("[data-testid=reveal-note]").TextContent);
        cut.WaitForAssertion(() => Assert.Contains("••••6819", cut.Find("[data-testid=account-number]").TextContent), Wait);
        Assert.DoesNotContain("31926819", cut.Markup);
        cut.WaitForAssertion(() => Assert.Contains("Revealed", cut.Find("[aria-label=History]").TextContent), Wait);
    }

    [Fact]
    public async Task Staff_may_change_them_but_not_reveal_them()
    {
        var billing = await OrgWithBankDetailsAsync();
        ActAs(Guid.CreateVersion7(), Roles.Staff, "staff@test.example");

        var cut = RenderTab(billing, canWrite: true);

        cut.WaitForAssertion(() => Assert.Equal(["Edit", "Remove"], Buttons(cut)), Wait);
    }

    [Fact]
    public async Task A_viewer_sees_them_masked_with_no_controls()
    {
        var billing = await OrgWithBankDetailsAsync();
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");

        var cut = RenderTab(billing, canWrite: false);

        cut.WaitForAssertion(() => Assert.Contains("••••6819", cut.Find("[data-testid=account-number]").TextContent), Wait);
        Assert.Empty(Buttons(cut));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Add bank details"));
    }

    [Fact]
    public async Task An_archived_organisation_can_still_be_revealed_by_an_admin_but_not_changed()
    {
        var billing = await OrgWithBankDetailsAsync(OrganisationStatus.Archived);

        var cut = RenderTab(billing, canWrite: false);

        cut.WaitForAssertion(() => Assert.Equal(["Reveal"], Buttons(cut)), Wait);
    }

    [Fact]
    public async Task Adding_them_says_what_is_wrong_under_each_field_then_saves_and_shows_them_masked()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        ActAs(Guid.CreateVersion7(), Roles.Staff, "staff@test.example");
        var provider = RenderDialogProvider();
        var cut = Render<OrganisationBillingDetails>(p => p.Add(c => c.OrganisationId, org.Id).Add(c => c.Version, org.Version).Add(c => c.CanWrite, true));
        cut.WaitForAssertion(() => Assert.Contains("No bank details yet", cut.Find("[data-testid=no-bank-details]").TextContent), Wait);

        cut.FindAll("button").First(b => b.TextContent.Contains("Add bank details")).Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll(".mud-dialog")), Wait);
        InputLabelled(provider, "Sort code").Input("12-34");
        InputLabelled(provider, "Account number").Input("1234");
        Button(provider, "Save bank details").Click();
        provider.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the account holder's name", FieldText(InputLabelled(provider, "Account holder name")));
            Assert.Contains("Enter a sort code of 6 digits", FieldText(InputLabelled(provider, "Sort code")));
            Assert.Contains("Enter an account number of 8 to 18 digits", FieldText(InputLabelled(provider, "Account number")));
        }, Wait);
        Assert.Null((await BankDetails.GetAsync(org.Id)).BankDetails);

        InputLabelled(provider, "Account holder name").Input("Up Marden Farms Ltd");
        InputLabelled(provider, "Sort code").Input("12 34 56");
        InputLabelled(provider, "Account number").Input("1234 5678");
        Button(provider, "Save bank details").Click();

        cut.WaitForAssertion(() => Assert.Contains("••••5678", cut.Find("[data-testid=account-number]").TextContent), Wait);
        Assert.Empty(provider.FindAll(".mud-dialog"));
        Assert.Equal("••-••-56", (await BankDetails.GetAsync(org.Id)).BankDetails!.SortCode);
    }
}
