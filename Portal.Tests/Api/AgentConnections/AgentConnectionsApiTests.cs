using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.AgentConnections;

/// <summary>/api/v1 agent-connection routes and the agency-scoped ones under the <c>hash</c> header: 401/403/400/404/409/412.</summary>
public sealed class AgentConnectionsApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private sealed record Arranged(string AgencyId, string Secret, string ETag);

    private async Task<Arranged> AgencyAsync(HttpClient staff)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var org = (await factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = $"Agents {unique}", BillingEmail = "accounts@agents.example", CountryCode = "GB",
        }))).Organisation.Id;
        var response = await staff.PostAsJsonAsync("/api/v1/agencies", new
        {
            organisationId = org, name = $"Agency {unique}", did = $"did:web:agency{unique}.example", label = "Agency", serviceEndpoint = "https://agent.example/didcomm",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        response.ShouldHaveNoStore();
        var json = await response.JsonAsync();
        return new(json.GetProperty("agency").GetProperty("agency").GetProperty("id").GetString()!, json.GetProperty("secret").GetString()!, response.ETag()!);
    }

    private HttpClient AgencyClient(string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("hash", secret);
        return client;
    }

    private static string Did() => $"did:peer:2Ez6LS{Guid.NewGuid():N}";

    [Fact]
    public async Task AgencyScopedRoutes_AcceptTheHash_AndRefuseAWrongARotatedAndADeletedAgencysSecret()
    {
        using var staff = await factory.SignedInClientAsync(Roles.Staff);
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var agency = await AgencyAsync(staff);
        var doomed = await AgencyAsync(staff);

        using var good = AgencyClient(agency.Secret);
        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("/api/v1/agency/connections")).StatusCode);
        using var wrong = AgencyClient(agency.Secret[..^2] + "xx");
        await (await wrong.GetAsync("/api/v1/agency/connections")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var rotate = await staff.SendAsync(Post($"/api/v1/agencies/{agency.AgencyId}/secret").WithIfMatch(agency.ETag));
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var fresh = (await rotate.JsonAsync()).GetProperty("secret").GetString()!;
        await (await good.GetAsync("/api/v1/agency/connections")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var rotated = AgencyClient(fresh);
        Assert.Equal(HttpStatusCode.OK, (await rotated.GetAsync("/api/v1/agency")).StatusCode);

        using var deletedClient = AgencyClient(doomed.Secret);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/agencies/{doomed.AgencyId}").WithIfMatch(doomed.ETag))).StatusCode);
        await (await deletedClient.GetAsync("/api/v1/agency/connections")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AStaffCredential_DoesNotOpenAgencyRoutes_AndAHashDoesNotOpenStaffRoutes()
    {
        using var staff = await factory.SignedInClientAsync(Roles.Staff);
        var agency = await AgencyAsync(staff);
        using var hash = AgencyClient(agency.Secret);

        await (await staff.GetAsync("/api/v1/agency/connections")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await hash.GetAsync("/api/v1/agent-connections")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await hash.GetAsync("/api/v1/organisations")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAgency_SeesOnlyItsOwnConnections_AndAnothersIsNotFound()
    {
        using var staff = await factory.SignedInClientAsync(Roles.Staff);
        var mine = await AgencyAsync(staff);
        var theirs = await AgencyAsync(staff);
        using var me = AgencyClient(mine.Secret);
        var theirConnection = await (await staff.PostAsJsonAsync("/api/v1/agent-connections", new { agencyId = theirs.AgencyId, method = "Did", did = Did(), alias = "default:theirs" })).JsonAsync();
        var theirId = theirConnection.GetProperty("connection").GetProperty("id").GetString();

        var created = await me.PostAsJsonAsync("/api/v1/agency/connections", new { agencyId = theirs.AgencyId, method = "Alias", alias = "acme:mine" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("/api/v1/agency/connections/", created.Headers.Location!.ToString());
        Assert.Equal(mine.AgencyId, (await created.JsonAsync()).GetProperty("connection").GetProperty("agencyId").GetString());
        var list = await (await me.GetAsync($"/api/v1/agency/connections?agencyId={theirs.AgencyId}")).JsonAsync();
        Assert.Equal(["acme:mine"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("alias").GetString()));
        await (await me.GetAsync($"/api/v1/agency/connections/{theirId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var bulk = await (await me.PostAsJsonAsync("/api/v1/agency/connections/delete", new { ids = new[] { theirId } })).JsonAsync();
        Assert.Equal(0, bulk.GetProperty("deleted").GetInt32());
        Assert.Equal(theirId, bulk.GetProperty("unknown")[0].GetString());
    }

    [Fact]
    public async Task Connect_BadInput_IsA400ByField_ARepeatIsA409_AndAStaleStateChangeIs412()
    {
        using var staff = await factory.SignedInClientAsync(Roles.Staff);
        var agency = await AgencyAsync(staff);

        await (await staff.PostAsJsonAsync("/api/v1/agent-connections", new { agencyId = agency.AgencyId, method = "Did", did = "did:x:short", alias = "default:a" }))
            .ShouldHaveFieldErrorsAsync("did");
        await (await staff.PostAsJsonAsync("/api/v1/agent-connections", new { agencyId = agency.AgencyId, method = "Alias", alias = "has space:" + new string('a', 200) }))
            .ShouldHaveFieldErrorsAsync("alias");
        await (await staff.PostAsJsonAsync("/api/v1/agent-connections", new { agencyId = agency.AgencyId, method = "InvitationUrl", invitationUrl = "https://w.example/?oob=%%%" }))
            .ShouldHaveFieldErrorsAsync("invitationUrl");

        var did = Did();
        var first = await staff.PostAsJsonAsync("/api/v1/agent-connections", new { agencyId = agency.AgencyId, method = "Did", did, alias = "default:first" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await staff.PostAsJsonAsync("/api/v1/agent-connections", new { agencyId = agency.AgencyId, method = "Did", did, alias = "default:second" });
        Assert.Equal("agent_connection.did_connected", (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());

        var id = (await first.JsonAsync()).GetProperty("connection").GetProperty("id").GetString();
        var etag = first.ETag()!;
        var skip = await staff.SendAsync(Post($"/api/v1/agent-connections/{id}/state", new { state = "Completed" }).WithIfMatch(etag));
        Assert.Equal("agent_connection.illegal_transition", (await skip.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
        var step = await staff.SendAsync(Post($"/api/v1/agent-connections/{id}/state", new { state = "Requested" }).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        var stale = await staff.SendAsync(Post($"/api/v1/agent-connections/{id}/state", new { state = "Responded" }).WithIfMatch(etag));
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await staff.GetAsync($"/api/v1/agent-connections/{Guid.CreateVersion7()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Viewers_Read_ButNeitherConnectNorRevoke_AndStaffCannotDelete()
    {
        using var staff = await factory.SignedInClientAsync(Roles.Staff);
        using var viewer = await factory.SignedInClientAsync(Roles.Viewer);
        var agency = await AgencyAsync(staff);
        var connection = await staff.PostAsJsonAsync("/api/v1/agent-connections", new { agencyId = agency.AgencyId, method = "Did", did = Did(), alias = "default:v" });
        var id = (await connection.JsonAsync()).GetProperty("connection").GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/agent-connections/{id}")).StatusCode);
        await (await viewer.PostAsJsonAsync("/api/v1/agent-connections", new { agencyId = agency.AgencyId, method = "Alias", alias = "a:b" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.PostAsJsonAsync($"/api/v1/agencies/{agency.AgencyId}/secret", new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/agent-connections/{id}").WithIfMatch(connection.ETag()!)))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MessagesAndCredentials_AreQueuedForTheAgency_AndRevokedByCriteriaWithCounts()
    {
        using var staff = await factory.SignedInClientAsync(Roles.Staff);
        var agency = await AgencyAsync(staff);
        using var hash = AgencyClient(agency.Secret);
        var connection = await (await staff.PostAsJsonAsync("/api/v1/agent-connections", new { agencyId = agency.AgencyId, method = "Did", did = Did(), alias = "default:m" })).JsonAsync();
        var id = connection.GetProperty("connection").GetProperty("id").GetString();

        await (await staff.PostAsJsonAsync($"/api/v1/agent-connections/{id}/messages", new { kind = "Data", title = "Your data" })).ShouldHaveFieldErrorsAsync("requestId");
        var sent = await staff.PostAsJsonAsync($"/api/v1/agent-connections/{id}/messages", new { kind = "General", title = "Welcome" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var queue = await (await hash.GetAsync("/api/v1/agency/messages?delivery=Queued")).JsonAsync();
        var messageId = Assert.Single(queue.GetProperty("items").EnumerateArray()).GetProperty("id").GetString();
        Assert.Equal("Delivered", (await (await hash.PostAsync($"/api/v1/agency/messages/{messageId}/delivered", null)).JsonAsync()).GetProperty("delivery").GetString());

        foreach (var tier in new[] { "gold", "gold", "silver" })
            Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/v1/agent-connections/{id}/credentials",
                new { schemaId = "https://schema.example/email/1.0", attributes = new[] { new { name = "tier", value = tier } } })).StatusCode);
        var result = await (await hash.PostAsJsonAsync("/api/v1/agency/credentials/revoke-by-criteria",
            new { purpose = "Revocation", schemaId = "https://schema.example/email/1.0", attributes = new[] { new { name = "tier", value = "gold" } } })).JsonAsync();
        Assert.Equal((2, 2, 0), (result.GetProperty("matched").GetInt32(), result.GetProperty("changed").GetInt32(), result.GetProperty("alreadySo").GetInt32()));
        var revoked = await (await staff.GetAsync($"/api/v1/agent-credentials?agencyId={agency.AgencyId}&status=Revoked")).JsonAsync();
        Assert.Equal(2, revoked.GetProperty("total").GetInt32());
        var one = revoked.GetProperty("items")[0].GetProperty("id").GetString();
        var twice = await staff.PostAsJsonAsync($"/api/v1/agent-credentials/{one}/revoke", new { purpose = "Revocation" });
        Assert.Equal("agent_credential.already_revoked", (await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task ConnectLink_IsServedAsUrlPngAndSvg_AndRecreatingInvalidatesTheOldOne()
    {
        using var staff = await factory.SignedInClientAsync(Roles.Staff);
        var agency = await AgencyAsync(staff);
        var link = await (await staff.GetAsync($"/api/v1/agencies/{agency.AgencyId}/connect-url")).JsonAsync();
        var url = link.GetProperty("url").GetString()!;

        var png = await staff.GetAsync($"/api/v1/agencies/{agency.AgencyId}/connect-qr");
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);
        var svg = await staff.GetAsync($"/api/v1/agencies/{agency.AgencyId}/connect-qr?format=svg");
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
        await (await staff.GetAsync($"/api/v1/agencies/{agency.AgencyId}/connect-qr?format=gif")).ShouldHaveFieldErrorsAsync("format");

        var recreated = await staff.SendAsync(Post($"/api/v1/agencies/{agency.AgencyId}/connect-url").WithIfMatch(agency.ETag));
        Assert.Equal(2, (await recreated.JsonAsync()).GetProperty("linkNumber").GetInt32());
        var check = await (await staff.PostAsJsonAsync($"/api/v1/agencies/{agency.AgencyId}/connect-url/check", new { url })).JsonAsync();
        Assert.False(check.GetProperty("isCurrent").GetBoolean());
    }
}
