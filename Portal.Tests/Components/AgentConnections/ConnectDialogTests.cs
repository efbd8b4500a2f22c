using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.AgentConnections;
using Portal.Domain.Organisations;
using Portal.Features.AgentConnections;

namespace Portal.Tests.Components.AgentConnections;

/// <summary>The connect dialog: a tab per method, each field checked as you type; a good one connects, a bad one saves nothing.</summary>
public sealed class ConnectDialogTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private Guid _agency;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var org = (await Orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = "Northwind", BillingEmail = "a@northwind.example", CountryCode = "GB" })).Organisation.Id;
        _agency = (await Services.GetRequiredService<AgencyService>().CreateAsync(new AgencyFields
        {
            OrganisationId = org, Name = "Northwind Identity", Did = "did:web:agent.northwind.example", Label = "Northwind", ServiceEndpoint = "https://agent.northwind.example",
        })).Agency.Agency.Id;
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var provider = RenderDialogProvider();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ConnectDialog>("New connection",
            new DialogParameters<ConnectDialog> { { d => d.AgencyId, _agency } }));
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll("label"), l => l.TextContent.Contains("DID")), Wait);
        return provider;
    }

    private static void Tab(IRenderedComponent<MudDialogProvider> dialog, string text) =>
        dialog.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == text).Click();

    private async Task<int> StoredAsync()
    {
        await using var db = await DbAsync();
        return await db.AgentConnections.CountAsync();
    }

    [Fact]
    public async Task A_short_DID_is_said_under_its_field_as_you_type_and_nothing_is_saved()
    {
        var dialog = await OpenAsync();

        InputLabelled(dialog, "DID").Input("did:sov:short");
        InputLabelled(dialog, "Default alias").Input("default ap1");

        dialog.WaitForAssertion(() =>
        {
            // The rules' own messages (the helper texts say the rule too, so they are not enough to look for).
            Assert.Contains("A DID is at least 16 characters", FieldText(InputLabelled(dialog, "DID")));
            Assert.Contains("An alias reads namespace:name", FieldText(InputLabelled(dialog, "Default alias")));
        }, Wait);
        Button(dialog, "Connect").Click();
        dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll(".mud-dialog")), Wait);
        Assert.Equal(0, await StoredAsync());
    }

    [Fact]
    public async Task The_invitation_tab_names_what_is_wrong_with_the_URL()
    {
        var dialog = await OpenAsync();
        Tab(dialog, "By invitation URL");
        dialog.WaitForAssertion(() => Assert.Contains(dialog.FindAll("label"), l => l.TextContent.Contains("Invitation URL")), Wait);

        InputLabelled(dialog, "Invitation URL").Input("https://wallet.example/in?oob=***");

        dialog.WaitForAssertion(() => Assert.Contains("not valid base64url", FieldText(InputLabelled(dialog, "Invitation URL"))), Wait);
    }

    [Fact]
    public async Task A_good_DID_and_alias_connect_and_close_the_dialog()
    {
        var dialog = await OpenAsync();

        InputLabelled(dialog, "DID").Input("did:peer:2Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc");
        InputLabelled(dialog, "Default alias").Input("default:ap1");
        Button(dialog, "Connect").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll(".mud-dialog")), Wait);
        await using var db = await DbAsync();
        var stored = await db.AgentConnections.SingleAsync();
        Assert.Equal((ConnectionMethod.Did, "default:ap1", ConnectionState.Invited), (stored.Method, stored.Alias, stored.State));
    }

    [Fact]
    public async Task By_alias_connects_to_the_alias_without_a_DID()
    {
        var dialog = await OpenAsync();
        Tab(dialog, "By alias");
        dialog.WaitForAssertion(() => Assert.Contains(dialog.FindAll("label"), l => l.TextContent.Contains("Alias to connect to")), Wait);

        InputLabelled(dialog, "Alias to connect to").Input("acme:jane");
        Button(dialog, "Connect").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll(".mud-dialog")), Wait);
        await using var db = await DbAsync();
        Assert.Equal((ConnectionMethod.Alias, null), (await db.AgentConnections.Select(c => new { c.Method, c.Did }).SingleAsync()) is var c ? (c.Method, c.Did) : default);
    }
}
