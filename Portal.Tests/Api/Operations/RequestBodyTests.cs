using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
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
        using var admin = await factory.SignedInClientAsync(Roles.Admin); // creating staff users is for people: a key stops at 403

        var response = await admin.PostAsync("/api/v1/staff-users", Json(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task EmptyBody_Is400Problem()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

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
}

/// <summary>The real web server (Kestrel on a loopback port): TestServer does not enforce request body limits.</summary>
public sealed class KestrelPortalApiFactory : PortalApiFactory
{
    public KestrelPortalApiFactory()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A client of the real server signed in (cookie) as a new Admin: creating staff users is for people, not keys.</summary>
    public async Task<HttpClient> KestrelSignedInAdminAsync()
    {
        var person = Portal.Tests.Api.ApiTestExtensions.NewStaffUser(null, Roles.Admin);
        await this.ArrangeStaffUserAsync(person);
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        var page = await client.GetStringAsync("/account/sign-in");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = person.Email, ["password"] = person.Password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }));
        Assert.Equal("/", signIn.Headers.Location?.ToString());
        return client;
    }

    public async Task<HttpClient> KestrelClientWithRoleAsync(string role)
    {
        var key = await this.ArrangeApiKeyAsync(role);
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);
        return client;
    }
}

/// <summary>API bodies are capped at 1 MB (imports excepted): a bigger one is refused before it is read, with a ProblemDetails.</summary>
public sealed class RequestBodyLimitTests(KestrelPortalApiFactory factory) : IClassFixture<KestrelPortalApiFactory>
{
    private static StringContent PaddedUser(string email, int padding) => new(
        $$"""{"email":"{{email}}","displayName":"Big","roles":["Viewer"],"password":"{{ApiTestExtensions.StrongPassword}}","padding":"{{new string('x', padding)}}"}""",
        Encoding.UTF8, "application/json");

    [Fact]
    public async Task BodyOverOneMegabyte_Is413Problem_AndCreatesNothing()
    {
        using var admin = await factory.KestrelSignedInAdminAsync();
        var email = $"big-{Guid.NewGuid():N}@test.example";

        // Valid JSON for a valid user, padded past 1 MB with a property the binder would otherwise ignore. Sent as a
        // client should send a big body (Expect: 100-continue): Kestrel answers 413 on the Content-Length and closes the
        // connection, and a client still writing the body may meet the closed socket before it reads the answer.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/staff-users") { Content = PaddedUser(email, 1024 * 1024 + 10) };
        request.Headers.ExpectContinue = true;
        var response = await admin.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var found = await (await admin.GetAsync($"/api/v1/staff-users?q={Uri.EscapeDataString(email)}")).ReadAsync<PagedResult<StaffUserRow>>();
        Assert.Equal(0, found.Total);
    }

    [Fact]
    public async Task ChunkedBodyOverOneMegabyte_Is413Problem()
    {
        using var admin = await factory.KestrelSignedInAdminAsync();
        var content = new StreamContent(new MemoryStream(await PaddedUser($"chunk-{Guid.NewGuid():N}@test.example", 2 * 1024 * 1024).ReadAsByteArrayAsync()));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/staff-users") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await admin.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task BodyJustUnderOneMegabyte_IsAccepted()
    {
        using var admin = await factory.KestrelSignedInAdminAsync();

        var response = await admin.PostAsync("/api/v1/staff-users", PaddedUser($"under-{Guid.NewGuid():N}@test.example", 1000 * 1000));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ProblemsAreServedOverTheRealServerToo()
    {
        using var anonymous = new HttpClient { BaseAddress = factory.BaseAddress };

        var response = await anonymous.PostAsJsonAsync("/api/v1/staff-users", new { email = "x@example.com" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

/// <summary>The modules catalogue's service cannot be built: the one way to make a route fail that no bad input reaches.</summary>
public sealed class FailingServicePortalApiFactory : PortalApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
            services.AddScoped<Portal.Domain.Organisations.OrganisationModuleService>(_ => throw new InvalidOperationException("The catalogue is broken.")));
    }
}

/// <summary>A failure no mapping knows is still a ProblemDetails on the API (with the correlation id to quote), never the HTML error page.</summary>
public sealed class UnexpectedFailureTests(FailingServicePortalApiFactory factory) : IClassFixture<FailingServicePortalApiFactory>
{
    [Fact]
    public async Task UnexpectedFailure_Is500Problem_WithTheCorrelationId_AndNoInternals()
    {
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        var response = await viewer.GetAsync("/api/v1/modules");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal(Assert.Single(response.Headers.GetValues("X-Correlation-Id")), problem.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("broken", problem.ToString());
    }
}
