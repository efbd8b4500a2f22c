using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Auth;

/// <summary>The app with a clock the test moves (API key expiry).</summary>
public sealed class ClockedPortalApiFactory : PortalApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

/// <summary>X-Api-Key: only a known, unrevoked, unexpired key gets in.</summary>
public sealed class ApiKeyAuthenticationTests(ClockedPortalApiFactory factory) : IClassFixture<ClockedPortalApiFactory>
{
    private const string Probe = "/api/v1/staff-users";

    private HttpClient ClientWithKey(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task ValidAdminKey_IsAccepted()
    {
        var key = await factory.ArrangeApiKeyAsync(Roles.Admin);
        using var client = ClientWithKey(key.Plaintext);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Probe)).StatusCode);
    }

    [Fact]
    public async Task KeyPastItsExpiry_Is401()
    {
        var key = await factory.ArrangeApiKeyAsync(Roles.Admin, expiresAt: factory.Clock.GetUtcNow().AddHours(1));
        using var client = ClientWithKey(key.Plaintext);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Probe)).StatusCode);

        factory.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        await (await client.GetAsync(Probe)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);
        Assert.Equal("Expired", (await (await admin.GetAsync($"/api/v1/api-keys/{key.Key.Id}")).ReadAsync<ApiKeyRow>()).Status);
    }

    [Fact]
    public async Task RevokedKey_Is401()
    {
        var key = await factory.ArrangeApiKeyAsync(Roles.Admin);
        await factory.AsAdminAsync(sp => sp.GetRequiredService<ApiKeyService>().RevokeAsync(key.Key.Id, key.Key.Version));
        using var client = ClientWithKey(key.Plaintext);

        var response = await client.GetAsync(Probe);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
    }

    [Fact]
    public async Task KeyWithTheRightPrefixButWrongSecret_Is401()
    {
        var key = await factory.ArrangeApiKeyAsync(Roles.Admin);
        var tampered = key.Plaintext[..^4] + (key.Plaintext.EndsWith("AAAA") ? "BBBB" : "AAAA");
        using var client = ClientWithKey(tampered);

        await (await client.GetAsync(Probe)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer something")]
    [InlineData("ptl_")]
    public async Task MalformedKey_Is401NotAnError(string presented)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", presented);

        await (await client.GetAsync(Probe)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OverlongKey_Is401NotAnError()
    {
        using var client = ClientWithKey("ptl_" + new string('x', 5000));

        await (await client.GetAsync(Probe)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiKeyInTheQueryString_IsIgnored()
    {
        var key = await factory.ArrangeApiKeyAsync(Roles.Admin);
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"{Probe}?apiKey={Uri.EscapeDataString(key.Plaintext)}&X-Api-Key={Uri.EscapeDataString(key.Plaintext)}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
