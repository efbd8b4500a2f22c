using System.Net;
using System.Text;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Operations;

/// <summary>A body the API cannot read is the caller's mistake: a 4xx ProblemDetails, never HTML and never a 500.</summary>
public sealed class RequestBodyTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{")]
    [InlineData("{\"email\": }")]
    [InlineData("not json at all")]
    [InlineData("{\"email\":\"a@example.com\",\"roles\":\"Admin\"}")]
    [InlineData("[]")]
    public async Task MalformedJson_Is400Problem(string body)
    {
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);

        var response = await admin.PostAsync("/api/v1/staff-users", Json(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task EmptyBody_Is400Problem()
    {
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);

        var response = await admin.PostAsync("/api/v1/staff-users", Json(""));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WrongContentType_Is415Problem()
    {
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);

        var response = await admin.PostAsync("/api/v1/staff-users", new StringContent("email=a@example.com", Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task MalformedJsonOnPut_Is400Problem()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/staff-users/{user.Id}") { Content = Json("{\"displayName\":") }
            .WithIfMatch($"\"{user.Version}\"");

        var response = await admin.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BodyOverOneMegabyte_IsRefusedWithAProblem_AndCreatesNothing()
    {
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);
        var email = $"big-{Guid.NewGuid():N}@test.example";
        // Valid JSON for a valid user, padded past 1 MB with an unknown property the binder would otherwise ignore.
        var body = $$"""{"email":"{{email}}","displayName":"Big","roles":["Viewer"],"password":"{{ApiTestExtensions.StrongPassword}}","padding":"{{new string('x', 1024 * 1024 + 10)}}"}""";

        var response = await admin.PostAsync("/api/v1/staff-users", Json(body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest,
            $"Expected 413 (or 400) but got {(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}");
        await response.ShouldBeProblemAsync(response.StatusCode);
        var found = await (await admin.GetAsync($"/api/v1/staff-users?q={Uri.EscapeDataString(email)}")).ReadAsync<PagedResult<Portal.Domain.Admin.StaffUserRow>>();
        Assert.Equal(0, found.Total);
    }

    [Fact]
    public async Task BodyJustUnderOneMegabyte_IsAccepted()
    {
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);
        var body = $$"""{"email":"under-{{Guid.NewGuid():N}}@test.example","displayName":"Fits","roles":["Viewer"],"password":"{{ApiTestExtensions.StrongPassword}}","padding":"{{new string('x', 1000 * 1000)}}"}""";

        var response = await admin.PostAsync("/api/v1/staff-users", Json(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
