using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Organisations;
using Portal.Features.BusinessConnections;
using Portal.Tests.Domain.BusinessConnections;

namespace Portal.Tests.Components.BusinessConnections;

/// <summary>The unit form (rules under their fields as you type, the normalised save) and the connection flow's duplicate check.</summary>
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
}
