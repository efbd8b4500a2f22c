using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.AgentConnections;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.AgentConnections;
using Portal.Tests.Support;

namespace Portal.Tests.Components.AgentConnections;

/// <summary>
/// The connection page follows what happens elsewhere: the agency's systems delivering a queued message (through the
/// agency-scoped API, as the agency), and a by-criteria revoke run by someone else.
/// </summary>
public sealed class AgentConnectionLiveTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const string Schema = "https://schema.example.com/verified-email/1.0";

    [Fact]
    public async Task The_page_shows_a_delivery_by_the_agencys_systems_and_a_revoke_by_criteria_elsewhere()
    {
        var org = (await Orgs.CreateAsync(new CreateOrganisation { Name = "Northwind", BillingEmail = "a@northwind.example", CountryCode = "GB" })).Organisation.Id;
        var agency = (await Services.GetRequiredService<AgencyService>().CreateAsync(new AgencyFields
        {
            OrganisationId = org, Name = "Northwind Identity", Did = "did:web:agent.northwind.example", Label = "Northwind", ServiceEndpoint = "https://agent.northwind.example",
        })).Agency.Agency.Id;
        var connection = (await Services.GetRequiredService<AgentConnectionService>().ConnectAsync(new Connect
            { AgencyId = agency, Method = ConnectionMethod.Did, Did = "did:peer:2Ez6LSliveTestHolder00001", Alias = "default:live" })).Connection.Id;
        var message = await Services.GetRequiredService<AgentMessageService>().SendAsync(connection, new SendMessage { Title = "Hello" });
        await Services.GetRequiredService<AgentCredentialService>().IssueAsync(connection, new IssueCredential { SchemaId = Schema, Attributes = [new("tier", "gold")] });
        RenderDialogProvider();
        var cut = Render<AgentConnectionDetail>(p => p.Add(x => x.Id, connection));
        cut.WaitForAssertion(() => Assert.Contains("message \"Hello\" queued", cut.Markup), Wait);

        await AsAsync(AgencyPrincipal(agency), sp => sp.GetRequiredService<AgentMessageService>().MarkDeliveredAsync(message.Id));
        cut.WaitForAssertion(() => Assert.Contains("message \"Hello\" delivered", cut.Markup), Wait);

        await AsAsync(TestStore.Principal(Guid.CreateVersion7(), Roles.Staff, "staff@test.example"), sp => sp.GetRequiredService<AgentCredentialService>()
            .RevokeByCriteriaAsync(new CredentialCriteria { AgencyId = agency, SchemaId = Schema, Attributes = [new("tier", "gold")] }));
        cut.WaitForAssertion(() => Assert.Contains($"Credential {Schema} now Revoked", cut.Markup), Wait);
    }

    private async Task AsAsync(ClaimsPrincipal principal, Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal = principal;
        await work(scope.ServiceProvider);
    }

    /// <summary>The agency's own systems, as the <c>hash</c> handler signs them in.</summary>
    private static ClaimsPrincipal AgencyPrincipal(Guid agencyId) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, AgencyCaller.IdPrefix + agencyId),
        new Claim(ClaimTypes.Name, "agency:test"),
        new Claim(ClaimTypes.Role, AgencyCaller.Role),
    ], "agency"));
}
