using System.Security.Claims;
using Portal.Domain.AgentConnections;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.AgentConnections;

public static class AgentConnectionsTestData
{
    public static async Task<Guid> AddOrganisationAsync(this TestStore store, string name = "Northwind Ltd")
    {
        var previous = store.User.Principal;
        store.ActAs(Roles.Admin);
        var org = await store.Get<OrganisationService>().CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = name, BillingEmail = "accounts@org.example", CountryCode = "GB" });
        store.User.Principal = previous;
        return org.Organisation.Id;
    }

    public static AgencyFields NewAgency(Guid organisationId, string name = "Northwind Identity", string did = "did:web:agent.northwind.example") => new()
    {
        OrganisationId = organisationId, Name = name, Did = did, Label = name, ServiceEndpoint = "https://agent.northwind.example/didcomm",
    };

    public static async Task<AgencyCreated> AddAgencyAsync(this TestStore store, string name = "Northwind Identity", string did = "did:web:agent.northwind.example")
    {
        var org = await store.AddOrganisationAsync(name + " Ltd");
        var previous = store.User.Principal;
        store.ActAs(Roles.Staff);
        var created = await store.Get<AgencyService>().CreateAsync(NewAgency(org, name, did));
        store.User.Principal = previous;
        return created;
    }

    /// <summary>Acts as the agency's own systems, as the <c>hash</c> handler signs them in.</summary>
    public static void ActAsAgency(this TestStore store, Guid agencyId) =>
        store.User.Principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, AgencyCaller.IdPrefix + agencyId),
            new Claim(ClaimTypes.Name, "agency:test"),
            new Claim(ClaimTypes.Role, AgencyCaller.Role),
        ], "agency"));

    public static Connect ByDid(Guid agencyId, string did = "did:peer:2Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc", string alias = "default:ap1") =>
        new() { AgencyId = agencyId, Method = ConnectionMethod.Did, Did = did, Alias = alias, Title = "Jane's wallet" };
}
