using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Admin;

/// <summary>/api/v1/api-keys: an Admin creates keys (plaintext shown once, never cached) and revokes them.</summary>
public sealed class ApiKeyApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/api-keys";

    [Fact]
    public async Task Create_Answers201WithThePlaintextOnce_NotCached()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var response = await admin.PostAsJsonAsync(Url, new { name = "Billing sync", role = Roles.Staff });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        response.ShouldHaveNoStore();
        var created = await response.ReadAsync<CreatedApiKey>();
        Assert.StartsWith("ptl_", created.Plaintext);
        Assert.Equal($"/api/v1/api-keys/{created.Key.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"{created.Key.Version}\"", response.ETag());
        Assert.Equal("Billing sync", created.Key.Name);
        Assert.Equal(Roles.Staff, created.Key.Role);
        Assert.Equal("Active", created.Key.Status);

        var read = await admin.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain(created.Plaintext, await read.Content.ReadAsStringAsync());
        var list = await admin.GetAsync($"{Url}?pageSize=200");
        Assert.DoesNotContain(created.Plaintext, await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreatedKey_AuthenticatesWithItsRole()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var created = await (await admin.PostAsJsonAsync(Url, new { name = "Reporting", role = Roles.Viewer })).ReadAsync<CreatedApiKey>();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Plaintext);

        var asViewer = await client.GetAsync(Url);

        // A Viewer key is authenticated (not 401) but may not manage keys.
        await asViewer.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"name":"","role":"Viewer"}""", "name")]
    [InlineData("""{"name":"ok","role":"Superuser"}""", "role")]
    [InlineData("""{"name":"ok","role":"Viewer","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task Create_WithInvalidField_Is400ByField(string json, string field)
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var response = await admin.PostAsync(Url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldHaveFieldErrorsAsync(field);
    }

    [Fact]
    public async Task Create_WithTooLongName_Is400OnName()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var response = await admin.PostAsJsonAsync(Url, new { name = new string('k', 1000), role = Roles.Viewer });

        await response.ShouldHaveFieldErrorsAsync("name");
    }

    [Fact]
    public async Task Create_AsViewer_Is403()
    {
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        var response = await viewer.PostAsJsonAsync(Url, new { name = "Sneaky", role = Roles.Admin });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Revoke_WithIfMatch_RevokesAndTheKeyStopsWorking()
    {
        var key = await factory.ArrangeApiKeyAsync(Roles.Admin);
        using var holder = factory.CreateClient();
        holder.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync(Url)).StatusCode);
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var response = await admin.SendAsync(Post($"{Url}/{key.Key.Id}/revoke").WithIfMatch($"\"{key.Key.Version}\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var revoked = await response.ReadAsync<ApiKeyRow>();
        Assert.Equal("Revoked", revoked.Status);
        Assert.NotNull(revoked.RevokedAt);
        Assert.NotEqual($"\"{key.Key.Version}\"", response.ETag());
        await (await holder.GetAsync(Url)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoke_AlreadyRevoked_Is409WithCode()
    {
        var key = await factory.ArrangeApiKeyAsync();
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var first = await admin.SendAsync(Post($"{Url}/{key.Key.Id}/revoke").WithIfMatch($"\"{key.Key.Version}\""));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await admin.SendAsync(Post($"{Url}/{key.Key.Id}/revoke").WithIfMatch(first.ETag()!));

        Assert.Equal("api_key.already_revoked", (await second.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task Revoke_WithoutIfMatch_Is428AndTheKeyStillWorks()
    {
        var key = await factory.ArrangeApiKeyAsync();
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var response = await admin.PostAsync($"{Url}/{key.Key.Id}/revoke", null);

        Assert.Equal("concurrency.version_required", (await response.ShouldBeProblemAsync((HttpStatusCode)428)).Code());
        Assert.Equal("Active", (await (await admin.GetAsync($"{Url}/{key.Key.Id}")).ReadAsync<ApiKeyRow>()).Status);
    }

    [Fact]
    public async Task Revoke_WithStaleIfMatch_Is412()
    {
        var key = await factory.ArrangeApiKeyAsync();
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var response = await admin.SendAsync(Post($"{Url}/{key.Key.Id}/revoke").WithIfMatch($"\"{key.Key.Version + 1}\""));

        Assert.Equal("concurrency.stale", (await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).Code());
    }

    [Fact]
    public async Task Revoke_UnknownKey_Is404()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var response = await admin.SendAsync(Post($"{Url}/{Guid.CreateVersion7()}/revoke").WithIfMatch("\"1\""));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_SendsETag_AndUnknownIdIs404()
    {
        var key = await factory.ArrangeApiKeyAsync();
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var found = await admin.GetAsync($"{Url}/{key.Key.Id}");
        var missing = await admin.GetAsync($"{Url}/{Guid.CreateVersion7()}");
        var notAGuid = await admin.GetAsync($"{Url}/nope");

        Assert.Equal($"\"{key.Key.Version}\"", found.ETag());
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await notAGuid.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_FiltersByStatus()
    {
        var active = await factory.ArrangeApiKeyAsync();
        var revoked = await factory.ArrangeApiKeyAsync();
        await factory.AsAdminAsync(sp => sp.GetRequiredService<ApiKeyService>().RevokeAsync(revoked.Key.Id, revoked.Key.Version));
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var revokedList = await (await admin.GetAsync($"{Url}?status=revoked&pageSize=200")).ReadAsync<PagedResult<ApiKeyRow>>();
        var activeList = await (await admin.GetAsync($"{Url}?status=active&pageSize=200")).ReadAsync<PagedResult<ApiKeyRow>>();
        var bogus = await admin.GetAsync($"{Url}?status=sleeping");

        Assert.Contains(revokedList.Items, k => k.Id == revoked.Key.Id);
        Assert.DoesNotContain(revokedList.Items, k => k.Id == active.Key.Id);
        Assert.All(revokedList.Items, k => Assert.Equal("Revoked", k.Status));
        Assert.Contains(activeList.Items, k => k.Id == active.Key.Id);
        Assert.DoesNotContain(activeList.Items, k => k.Id == revoked.Key.Id);
        await bogus.ShouldHaveFieldErrorsAsync("status");
    }
}

/// <summary>What grants access is done by people: an API key, even an Admin's, creates neither keys nor staff users.</summary>
public sealed class GrantingAccessTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    [Fact]
    public async Task AnAdminApiKey_CannotCreateAKey_OrAStaffUser()
    {
        using var machine = await factory.ClientWithRoleAsync(Roles.Admin);

        var key = await machine.PostAsJsonAsync("/api/v1/api-keys", new { name = "Minted", role = Roles.Admin });
        var user = await machine.PostAsJsonAsync("/api/v1/staff-users", ApiTestExtensions.NewStaffUser(null, Roles.Admin));

        await key.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await user.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ASignedInAdmin_Can()
    {
        using var person = await factory.SignedInClientAsync(Roles.Admin);

        var key = await person.PostAsJsonAsync("/api/v1/api-keys", new { name = "By a person", role = Roles.Viewer });
        var user = await person.PostAsJsonAsync("/api/v1/staff-users", ApiTestExtensions.NewStaffUser(null, Roles.Viewer));

        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
    }
}
