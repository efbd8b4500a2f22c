using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Organisations;
using Portal.Features.BusinessConnections;
using Portal.Tests.Domain.BusinessConnections;

namespace Portal.Tests.Components.BusinessConnections;

/// <summary>The unit form (rules under their fields as you type, the normalised save), the connection flow's duplicate check, and the connection page's notes and contacts.</summary>
public sealed class BusinessConnectionsDialogTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private BusinessUnitService Units => Services.GetRequiredService<BusinessUnitService>();
    private BusinessConnectionService Connections => Services.GetRequiredService<BusinessConnectionService>();

    private async Task<OrganisationDetails> AddOrganisationAsync(string name, string? memberEmail = null)
    {
        var org = await Orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = name, BillingEmail = $"accounts@{Guid.NewGuid():N}.example", CountryCode = "GB" });
        if (memberEmail is not null)
            await Orgs.AddMemberAsync(org.Organisation.Id, new CreateMember { Email = memberEmail, GivenName = "Olive", FamilyName = "Owner" }, org.Organisation.Version);
        return await Orgs.GetAsync(org.Organisation.Id);
    }

    [Fact]
    public async Task The_unit_form_shows_a_bad_holding_number_under_its_field_and_saves_the_normalised_one()
    {
        var org = await AddOrganisationAsync("Up Marden Farms");
        var unit = await Units.CreateAsync(BusinessConnectionsTestData.NewUnit(org.Organisation.Id));
        var provider = RenderDialogProvider();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<BusinessUnitDialog>("Edit",
            new DialogParameters<BusinessUnitDialog> { { d => d.Unit, unit } }));

        var holding = InputLabelled(provider, "Holding number");
        holding.Input("1/11/1");
        provider.WaitForAssertion(() => Assert.Contains("11/111/1111", FieldText(InputLabelled(provider, "Holding number"))), Wait);
        InputLabelled(provider, "what3words").Input("two.words");
        provider.WaitForAssertion(() => Assert.Contains("three words", FieldText(InputLabelled(provider, "what3words"))), Wait);

        InputLabelled(provider, "Holding number").Input("22 333 4444");
        InputLabelled(provider, "what3words").Input("index.home.raft");
        Button(provider, "Save").Click();

        provider.WaitForAssertion(async () => Assert.Equal("22/333/4444", (await Units.GetAsync(unit.Id)).HoldingNumber), Wait);
        Assert.Equal("///index.home.raft", (await Units.GetAsync(unit.Id)).What3Words);
    }

    [Fact]
    public async Task The_connection_flow_warns_of_a_duplicate_blocks_the_new_organisation_and_connects_the_existing_one()
    {
        var from = await AddOrganisationAsync("Caller Farms");
        var existing = await AddOrganisationAsync("Harvest Grain Ltd", "olive@harvestgrain.example");
        var provider = RenderDialogProvider();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateConnectionDialog>("Connect",
            new DialogParameters<CreateConnectionDialog> { { d => d.From, from.Organisation } }));

        provider.FindAll("input[type=radio]")[1].Click();
        provider.WaitForAssertion(() => InputLabelled(provider, "Organisation name"), Wait);
        InputLabelled(provider, "Organisation name").Input("Harvest Grain");
        InputLabelled(provider, "Given name").Input("Olive");
        InputLabelled(provider, "Family name").Input("Owner");
        InputLabelled(provider, "Email").Input("olive@harvestgrain.example");
        Button(provider, "Connect").Click();

        provider.WaitForAssertion(() => Assert.Contains("already in Portal", provider.Find("[data-testid=duplicate-warning]").TextContent), Wait);
        Assert.Contains("Harvest Grain Ltd", provider.Find("[data-testid=duplicate-warning]").TextContent);
        await provider.InvokeAsync(() => Button(provider, "Connect").Click());
        await Task.Delay(300);
        Assert.Equal(0, (await Connections.ListAsync(new BusinessConnectionQuery { OrganisationId = from.Organisation.Id })).Total);

        await provider.InvokeAsync(() => Button(provider, "Connect this one").Click());
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=duplicate-warning]")), Wait);
        await provider.InvokeAsync(() => Button(provider, "Connect").Click());

        provider.WaitForAssertion(async () =>
        {
            var connection = Assert.Single((await Connections.ListAsync(new BusinessConnectionQuery { OrganisationId = from.Organisation.Id })).Items);
            Assert.Equal(existing.Organisation.Id, connection.ToOrganisationId);
            Assert.Equal([BusinessRelationship.Trading], connection.Relationships);
        }, Wait);
    }

    [Fact]
    public async Task The_connection_page_saves_its_notes_and_disconnects_a_contact_and_an_ended_one_is_read_only()
    {
        var from = await AddOrganisationAsync("Caller Farms");
        var to = await AddOrganisationAsync("Wold Storage", "olive@woldstorage.example");
        var olive = to.Members.Single(m => m.Email == "olive@woldstorage.example");
        var connection = await Connections.CreateAsync(new CreateBusinessConnection
        {
            FromOrganisationId = from.Organisation.Id, ToOrganisationId = to.Organisation.Id, Relationships = [BusinessRelationship.Storage], ContactMemberIds = [olive.Id],
        });
        var id = connection.Connection.Id;
        RenderDialogProvider();
        Render<MudSnackbarProvider>();
        var cut = Render<ConnectionDetail>(p => p.Add(d => d.Id, id));
        cut.WaitForAssertion(() => Assert.Contains("Caller Farms → Wold Storage", cut.Markup), Wait);

        Assert.True(cut.Find("[data-testid=save-notes]").HasAttribute("disabled")); // nothing changed yet
        Assert.Contains("Every member of Wold Storage is connected.", cut.Markup);
        cut.Find("textarea[data-testid=connection-notes]").Input("Stores wheat at their Malton site.");
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-notes]").Click());
        cut.WaitForAssertion(async () => Assert.Equal("Stores wheat at their Malton site.", (await Connections.GetAsync(id)).Notes), Wait);

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Disconnect Olive Owner").Click());
        cut.WaitForAssertion(async () => Assert.Empty((await Connections.GetAsync(id)).Contacts), Wait);
        cut.WaitForAssertion(() => Assert.Contains("No contact is connected.", cut.Markup), Wait);
        Assert.Contains("Connect a member", cut.Markup); // Olive can be connected again

        await Connections.EndAsync(id, (await Connections.GetAsync(id)).Connection.Version);
        var ended = Render<ConnectionDetail>(p => p.Add(d => d.Id, id));
        ended.WaitForAssertion(() => Assert.Contains("Ended on", ended.Markup), Wait);
        Assert.Empty(ended.FindAll("[data-testid=save-notes]"));
        Assert.Equal("Stores wheat at their Malton site.", ended.Find("[data-testid=connection-notes-text]").TextContent);
        Assert.DoesNotContain(ended.FindAll("button"), b => b.TextContent.Contains("Disconnect"));
    }
}
