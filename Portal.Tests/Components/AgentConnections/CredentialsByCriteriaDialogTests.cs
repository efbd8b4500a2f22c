using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.AgentConnections;
using Portal.Domain.Organisations;
using Portal.Features.AgentConnections;

namespace Portal.Tests.Components.AgentConnections;

/// <summary>The agency page's by-criteria change: a schema and attribute values, then how many matched, changed and were already so.</summary>
public sealed class CredentialsByCriteriaDialogTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const string Schema = "https://schema.example.com/verified-email/1.0";

    [Fact]
    public async Task Revoking_by_schema_and_tier_changes_the_matching_and_counts_what_was_already_revoked()
    {
        var org = (await Orgs.CreateAsync(new CreateOrganisation { Name = "Northwind", BillingEmail = "a@northwind.example", CountryCode = "GB" })).Organisation.Id;
        var agency = (await Services.GetRequiredService<AgencyService>().CreateAsync(new AgencyFields
        {
            OrganisationId = org, Name = "Northwind Identity", Did = "did:web:agent.northwind.example", Label = "Northwind", ServiceEndpoint = "https://agent.northwind.example",
        })).Agency.Agency.Id;
        var connection = (await Services.GetRequiredService<AgentConnectionService>().ConnectAsync(new Connect
            { AgencyId = agency, Method = ConnectionMethod.Did, Did = "did:peer:2Ez6LScriteriaHolder0001", Alias = "default:criteria" })).Connection.Id;
        var credentials = Services.GetRequiredService<AgentCredentialService>();
        var issued = new List<AgentCredentialRow>();
        foreach (var tier in new[] { "gold", "gold", "gold", "silver" })
            issued.Add(await credentials.IssueAsync(connection, new IssueCredential { SchemaId = Schema, Attributes = [new("tier", tier)] }));
        await credentials.RevokeAsync(issued[0].Id, new ChangeCredentialStatus { Purpose = CredentialPurpose.Revocation });

        var dialog = RenderDialogProvider();
        await dialog.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CredentialsByCriteriaDialog>("Credentials by criteria",
            new DialogParameters<CredentialsByCriteriaDialog> { { d => d.AgencyId, agency } }));
        dialog.WaitForAssertion(() => InputLabelled(dialog, "Schema id"), Wait);
        InputLabelled(dialog, "Schema id").Input(Schema);
        dialog.Find("textarea").Input("tier=gold");
        Button(dialog, "Revoke matching credentials").Click();

        dialog.WaitForAssertion(() => Assert.Equal("3 matched: 2 revoked, 1 already so.", dialog.Find("[data-testid=criteria-result]").TextContent.Trim()), Wait);
        var statuses = (await credentials.ListAsync(new AgentCredentialQuery { AgencyId = agency })).Items.ToDictionary(c => c.Id, c => c.Status);
        Assert.Equal([CredentialStatus.Revoked, CredentialStatus.Revoked, CredentialStatus.Revoked, CredentialStatus.Active], issued.Select(c => statuses[c.Id]));
    }
}
