using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Organisations;

/// <summary>/api/v1/organisations/{id}/application-requests: roles, validation, state conflicts and If-Match on each state action.</summary>
public sealed class ApplicationRequestApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    private Task<OrganisationDetails> ArrangeOrgAsync() => factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
    {
        ConfirmedNotDuplicate = true,
        Name = $"Org {Guid.NewGuid():N}", BillingEmail = "accounts@org.example", CountryCode = "GB",
        Owner = new CreateMember { Email = "olive@org.example", GivenName = "Olive", FamilyName = "Owner" },
    }));

    private static string Url(Guid id) => $"/api/v1/organisations/{id}/application-requests";

    private static object Body(string email) => new { email, pageLink = "https://app.rayt.io/form/identity", source = "Onboarding", accessApplicationName = "Identity check" };

    private static async Task<ApplicationRequestRow> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success but got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<ApplicationRequestRow>(text, Json)!;
    }

    [Fact]
    public async Task Send_201AtItsShortCode_ListedByState_AndGetHasItsETag()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);

        var response = await staff.PostAsJsonAsync(Url(org.Id), Body("ann@example.com"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = await ReadAsync(response);
        Assert.Equal($"{Url(org.Id)}/{request.ShortCode}", response.Headers.Location?.ToString());
        Assert.Equal((ApplicationRequestState.Sent, "Onboarding", "Identity check"), (request.State, request.Source, request.AccessApplicationName));
        Assert.Equal($"\"{request.Version}\"", response.ETag());
        Assert.Contains("\"state\":\"Sent\"", await response.Content.ReadAsStringAsync());

        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        var list = await (await viewer.GetAsync($"{Url(org.Id)}?state=Sent")).ReadAsync<JsonElement>();
        Assert.Equal(request.ShortCode, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("shortCode").GetString());
        Assert.Empty((await (await viewer.GetAsync($"{Url(org.Id)}?state=Complete")).ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        var one = await viewer.GetAsync($"{Url(org.Id)}/{request.ShortCode.ToLowerInvariant()}");
        Assert.Equal($"\"{request.Version}\"", one.ETag());
    }

    [Fact]
    public async Task BadInput400_Anonymous401_Viewer403_Unknown404_PendingEmail400()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        using var anonymous = factory.CreateClient();

        await (await staff.PostAsJsonAsync(Url(org.Id), new { email = "nope", pageLink = "ftp://x", source = "" })).ShouldHaveFieldErrorsAsync("email", "pageLink", "source");
        await (await staff.GetAsync($"{Url(org.Id)}?state=Lost")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await anonymous.GetAsync(Url(org.Id))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync(Url(org.Id), Body("ann@example.com"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await viewer.PostAsJsonAsync(Url(org.Id), Body("ann@example.com"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.PostAsJsonAsync(Url(Guid.CreateVersion7()), Body("ann@example.com"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await staff.GetAsync($"{Url(org.Id)}/NOSUCH22")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var first = await ReadAsync(await staff.PostAsJsonAsync(Url(org.Id), Body("ann@example.com")));
        var again = await (await staff.PostAsJsonAsync(Url(org.Id), Body("Ann@Example.com"))).ShouldHaveFieldErrorsAsync("email");
        Assert.Contains(first.ShortCode, again.ToString());
        await (await viewer.SendAsync(Post($"{Url(org.Id)}/{first.ShortCode}/delete").WithIfMatch($"\"{first.Version}\""))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var list = await (await viewer.GetAsync(Url(org.Id))).ReadAsync<JsonElement>();
        Assert.Equal(1, list.GetProperty("total").GetInt32()); // nothing half-saved
    }

    [Fact]
    public async Task StateActions_NeedIfMatch412_AndFinalStatesAre409WithACode()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var request = await ReadAsync(await staff.PostAsJsonAsync(Url(org.Id), Body("bo@example.com")));
        var url = $"{Url(org.Id)}/{request.ShortCode}";

        await (await staff.SendAsync(Post($"{url}/resend"))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await staff.SendAsync(Post($"{url}/complete").WithIfMatch("\"99\""))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        var resent = await staff.SendAsync(Post($"{url}/resend").WithIfMatch($"\"{request.Version}\""));
        Assert.Equal(1, (await ReadAsync(resent)).ResendCount);
        var completed = await staff.SendAsync(Post($"{url}/complete").WithIfMatch(resent.ETag()!));
        Assert.Equal(ApplicationRequestState.Complete, (await ReadAsync(completed)).State);
        var conflict = await (await staff.SendAsync(Post($"{url}/delete").WithIfMatch(completed.ETag()!))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("application_request.complete", conflict.Code());
        await (await staff.SendAsync(Post($"{Url(org.Id)}/NOSUCH22/delete").WithIfMatch("\"1\""))).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var other = await ReadAsync(await staff.PostAsJsonAsync(Url(org.Id), Body("cy@example.com")));
        var deleted = await staff.SendAsync(Post($"{Url(org.Id)}/{other.ShortCode}/delete").WithIfMatch($"\"{other.Version}\""));
        Assert.Equal(ApplicationRequestState.Deleted, (await ReadAsync(deleted)).State);
        Assert.Equal("application_request.deleted",
            (await (await staff.SendAsync(Post($"{Url(org.Id)}/{other.ShortCode}/complete").WithIfMatch(deleted.ETag()!))).ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }
}
