using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>The "Addresses & contacts" tab: what it shows, the actions it offers to whom, and its dialogs' field messages.</summary>
public sealed class OrganisationContactsTabTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private OrganisationContactService Contacts => Services.GetRequiredService<OrganisationContactService>();

    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private IRenderedComponent<OrganisationDetail> OpenTab(Guid id)
    {
        _dialogs = RenderDialogProvider();
        var cut = Render<OrganisationDetail>(p => p.Add(d => d.Id, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-tab")), Wait);
        cut.FindAll(".mud-tab").First(t => t.TextContent.Trim() == "Addresses & contacts").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#addresses-heading")), Wait);
        return cut;
    }

    private static List<string> Buttons(IRenderedComponent<OrganisationDetail> cut) =>
        cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();

    /// <summary>An organisation with two billing addresses (the first primary), one shipping, a phone number and a VAT number.</summary>
    private async Task<OrganisationRow> ArrangeAsync(OrganisationStatus status = OrganisationStatus.Active)
    {
        var org = await Orgs.CreateAsync("Up Marden Farms", status: OrganisationStatus.Active);
        var v = org.Version;
        v = (await Contacts.AddAddressAsync(org.Id, new AddressFields { Label = "Head office", Line1 = "1 Orchard Lane", City = "Chichester", Postcode = "PO18 9JP" }, v)).Version;
        v = (await Contacts.AddAddressAsync(org.Id, new AddressFields { Label = "Old office", Line1 = "2 Mill Road", City = "Petersfield", Postcode = "GU32 3AA" }, v)).Version;
        v = (await Contacts.AddAddressAsync(org.Id, new AddressFields { Kind = AddressKind.Shipping, Label = "Depot", Line1 = "Unit 4", City = "Havant", Postcode = "PO9 1AA" }, v)).Version;
        v = (await Contacts.AddPhoneNumberAsync(org.Id, new PhoneNumberFields { Label = "Main", Number = "+44 20 7946 0958" }, v)).Version;
        v = (await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, v)).Version;
        if (status == OrganisationStatus.Archived)
            await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = v });
        return org;
    }

    [Fact]
    public async Task Shows_billing_and_shipping_addresses_with_the_primary_marked_phones_and_vat_status()
    {
        var org = await ArrangeAsync();

        var cut = OpenTab(org.Id);

        var billing = cut.Find("[data-testid=billing-addresses]");
        var cards = billing.QuerySelectorAll("[data-testid=address]");
        Assert.Equal(2, cards.Length);
        Assert.Contains("Head office", cards[0].TextContent);
        Assert.Contains("Primary", cards[0].TextContent);
        Assert.DoesNotContain("Primary", cards[1].TextContent.Replace("Make primary", ""));
        Assert.Contains("Depot", cut.Find("[data-testid=shipping-addresses]").TextContent);
        Assert.Contains("+442079460958", cut.Find("[aria-label='Phone numbers']").TextContent);
        var vat = cut.Find("[aria-label='VAT numbers']").TextContent;
        Assert.Contains("GB123456789", vat);
        Assert.Contains("Unverified", vat);
        Assert.Contains("Not checked yet", vat);
        Assert.Contains("cannot reach VIES or HMRC", cut.Markup);
    }

    [Fact]
    public async Task Staff_are_offered_every_legal_action_and_make_primary_only_where_it_is_not()
    {
        var org = await ArrangeAsync();
        ActAs(Guid.CreateVersion7(), Roles.Staff, "staff@test.example");

        var cut = OpenTab(org.Id);

        var buttons = Buttons(cut);
        Assert.Contains("Add address", buttons);
        Assert.Contains("Add phone number", buttons);
        Assert.Contains("Add VAT number", buttons);
        Assert.Contains("Record check", buttons);
        Assert.Single(buttons, b => b == "Make primary"); // only the second billing address; the depot is its kind's only one
        Assert.Equal(5, buttons.Count(b => b == "Remove"));
    }

    [Fact]
    public async Task A_viewer_sees_everything_but_no_control_that_changes_it()
    {
        var org = await ArrangeAsync();
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");

        var cut = OpenTab(org.Id);

        Assert.Contains("Head office", cut.Markup);
        Assert.Contains("GB123456789", cut.Markup);
        foreach (var action in new[] { "Add address", "Edit", "Make primary", "Remove", "Add phone number", "Add VAT number", "Record check" })
            Assert.DoesNotContain(action, Buttons(cut));
    }

    [Fact]
    public async Task An_archived_organisation_shows_its_contacts_read_only()
    {
        var org = await ArrangeAsync(OrganisationStatus.Archived);

        var cut = OpenTab(org.Id);

        Assert.Contains("Head office", cut.Markup);
        Assert.DoesNotContain("Add address", Buttons(cut));
        Assert.DoesNotContain("Remove", Buttons(cut));
        Assert.DoesNotContain("Record check", Buttons(cut));
    }

    [Fact]
    public async Task Empty_sections_say_what_to_do()
    {
        var org = await Orgs.CreateAsync("Empty Ltd");

        var cut = OpenTab(org.Id);

        Assert.Contains("No billing address yet. Add one", cut.Markup);
        Assert.Contains("No phone numbers yet. Add the number", cut.Markup);
        Assert.Contains("No VAT numbers yet. Add one", cut.Markup);
    }

    [Fact]
    public async Task The_address_dialog_says_what_is_wrong_as_you_type_and_adds_the_address_once_right()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var cut = OpenTab(org.Id);

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Add address").Click();
        _dialogs.WaitForAssertion(() => Assert.NotEmpty(_dialogs.FindAll(".mud-dialog")), Wait);
        InputLabelled(_dialogs, "Postcode").Input("12345");
        _dialogs.WaitForAssertion(() => Assert.Contains("Enter a GB postcode, like SW1A 1AA.", FieldText(InputLabelled(_dialogs, "Postcode"))), Wait);
        Button(_dialogs, "Add address").Click();
        _dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the first line of the address", FieldText(InputLabelled(_dialogs, "Address line 1")));
            Assert.Contains("Enter the town or city.", FieldText(InputLabelled(_dialogs, "Town or city")));
        }, Wait);
        Assert.Empty((await Contacts.GetAsync(org.Id)).Addresses);

        InputLabelled(_dialogs, "Address line 1").Input("1 Orchard Lane");
        InputLabelled(_dialogs, "Town or city").Input("Chichester");
        InputLabelled(_dialogs, "Postcode").Input("po18 9jp");
        // Each input re-validates and re-renders the form: click only once those renders are done, or the click may
        // land on a button the next render has replaced.
        _dialogs.WaitForAssertion(() =>
        {
            Assert.DoesNotContain("Enter a GB postcode", FieldText(InputLabelled(_dialogs, "Postcode")));
            Assert.DoesNotContain("Enter the first line of the address", FieldText(InputLabelled(_dialogs, "Address line 1")));
            Assert.DoesNotContain("Enter the town or city.", FieldText(InputLabelled(_dialogs, "Town or city")));
        }, Wait);
        Button(_dialogs, "Add address").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")), Wait);
        var stored = Assert.Single((await Contacts.GetAsync(org.Id)).Addresses);
        Assert.Equal(("PO18 9JP", AddressKind.Billing, true), (stored.Postcode, stored.Kind, stored.IsPrimary));
        cut.WaitForAssertion(() => Assert.Contains("1 Orchard Lane", cut.Find("[data-testid=billing-addresses]").TextContent), Wait);
    }

    [Fact]
    public async Task The_phone_dialog_asks_for_the_international_form()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var cut = OpenTab(org.Id);

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Add phone number").Click();
        _dialogs.WaitForAssertion(() => Assert.NotEmpty(_dialogs.FindAll(".mud-dialog")), Wait);
        InputLabelled(_dialogs, "Number").Input("020 7946 0958");

        _dialogs.WaitForAssertion(() => Assert.Contains("Enter the number in international form", FieldText(InputLabelled(_dialogs, "Number"))), Wait);
        InputLabelled(_dialogs, "Number").Input("+44 20 7946 0958");
        _dialogs.WaitForAssertion(() => Assert.Contains("Stored as +442079460958.", FieldText(InputLabelled(_dialogs, "Number"))), Wait);
    }

    [Fact]
    public async Task The_vat_dialog_checks_the_format_and_the_check_dialog_records_the_result()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        ActAs(Guid.CreateVersion7(), Roles.Staff, "staff@test.example");
        var cut = OpenTab(org.Id);

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Add VAT number").Click();
        _dialogs.WaitForAssertion(() => Assert.NotEmpty(_dialogs.FindAll(".mud-dialog")), Wait);
        InputLabelled(_dialogs, "VAT number").Input("GB 123 4567");
        _dialogs.WaitForAssertion(() => Assert.Contains("That is not a", FieldText(InputLabelled(_dialogs, "VAT number"))), Wait);
        InputLabelled(_dialogs, "VAT number").Input("GB 123 4567 89");
        Button(_dialogs, "Add VAT number").Click();
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")), Wait);
        cut.WaitForAssertion(() => Assert.Contains("GB123456789", cut.Find("[aria-label='VAT numbers']").TextContent), Wait);

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Record check").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("cannot reach VIES or HMRC", _dialogs.Markup), Wait);
        Button(_dialogs, "Record check").Click(); // no result chosen yet
        _dialogs.WaitForAssertion(() => Assert.Contains("Record what the check said: Valid or Invalid.", _dialogs.Markup), Wait);
        _dialogs.FindAll(".mud-radio").First(r => r.TextContent.Trim() == "Valid").QuerySelector("input")!.Click();
        InputLabelled(_dialogs, "Registered name").Input("UP MARDEN FARMS LTD");
        Button(_dialogs, "Record check").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")), Wait);
        var vat = Assert.Single((await Contacts.GetAsync(org.Id)).VatNumbers);
        Assert.Equal((VatState.Valid, "UP MARDEN FARMS LTD", "staff@test.example"), (vat.State, vat.RegisteredName, vat.CheckedBy));
        cut.WaitForAssertion(() => Assert.Contains("Registered to UP MARDEN FARMS LTD", cut.Find("[aria-label='VAT numbers']").TextContent), Wait);
    }

    [Fact]
    public async Task Editing_a_checked_vat_number_says_whether_its_check_is_kept_and_a_corrected_number_is_unverified()
    {
        var org = await ArrangeAsync();
        var contacts = await Contacts.GetAsync(org.Id);
        await Contacts.RecordVatCheckAsync(org.Id, contacts.VatNumbers[0].Id, new VatCheck { Result = VatState.Valid }, contacts.Version);
        var cut = OpenTab(org.Id);

        cut.FindAll("button").First(b => b.GetAttribute("aria-label") == "Edit GB123456789").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("its check is kept", FieldText(InputLabelled(_dialogs, "VAT number"))), Wait);
        Assert.Equal("GB123456789", InputLabelled(_dialogs, "VAT number").GetAttribute("value"));
        InputLabelled(_dialogs, "VAT number").Input("GB 987 6543 21");
        _dialogs.WaitForAssertion(() => Assert.Contains("Stored as GB987654321; it starts unverified.", FieldText(InputLabelled(_dialogs, "VAT number"))), Wait);
        Button(_dialogs, "Save").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")), Wait);
        var vat = Assert.Single((await Contacts.GetAsync(org.Id)).VatNumbers);
        Assert.Equal(("GB987654321", VatState.Unverified), (vat.Number, vat.State));
        cut.WaitForAssertion(() =>
        {
            var table = cut.Find("[aria-label='VAT numbers']").TextContent;
            Assert.Contains("GB987654321", table);
            Assert.Contains("Not checked yet", table);
        }, Wait);
    }

    [Fact]
    public async Task Removing_asks_first_and_cancelling_keeps_the_address()
    {
        var org = await ArrangeAsync();
        var cut = OpenTab(org.Id);

        cut.FindAll("button").First(b => b.GetAttribute("aria-label") == "Remove Depot (Unit 4)").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Remove this shipping address?", _dialogs.Markup), Wait);
        Button(_dialogs, "Cancel").Click();
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")), Wait);
        Assert.Equal(3, (await Contacts.GetAsync(org.Id)).Addresses.Count);

        cut.FindAll("button").First(b => b.GetAttribute("aria-label") == "Remove Depot (Unit 4)").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Remove this shipping address?", _dialogs.Markup), Wait);
        Button(_dialogs, "Remove").Click();
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")), Wait);
        Assert.Equal(2, (await Contacts.GetAsync(org.Id)).Addresses.Count);
        cut.WaitForAssertion(() => Assert.DoesNotContain("Depot", cut.Find("[data-testid=shipping-addresses]").TextContent), Wait);
    }
}
