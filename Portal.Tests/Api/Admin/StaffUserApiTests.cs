using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Admin;

/// <summary>/api/v1/staff-users: who may call it, what it validates, and how it guards against lost updates.</summary>
public sealed class StaffUserApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/staff-users";

    private Task<HttpClient> AdminAsync() => factory.SignedInClientAsync(Roles.Admin); // a person: API keys may not create staff users

    // ---- authentication and authorization ----

    [Fact]
    public async Task List_WithoutCredentials_Is401ProblemWithChallenge()
    {
        using var anonymous = factory.CreateClient();

        var response = await anonymous.GetAsync(Url);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
    }

    [Fact]
    public async Task List_WithUnknownApiKey_Is401()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "ptl_deadbeef_notarealkeyatallnotarealkeyatall");

        var response = await client.GetAsync(Url);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Warehouse)]
    public async Task List_AsNonAdmin_Is403(string role)
    {
        using var client = await factory.ClientWithRoleAsync(role);

        var response = await client.GetAsync(Url);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_AsViewer_Is403AndCreatesNothing()
    {
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        var body = NewStaffUser();

        var response = await viewer.PostAsJsonAsync(Url, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var admin = await AdminAsync();
        var found = await (await admin.GetAsync($"{Url}?q={Uri.EscapeDataString(body.Email)}")).ReadAsync<PagedResult<StaffUserRow>>();
        Assert.Equal(0, found.Total);
    }

    [Fact]
    public async Task Disable_AsViewer_Is403AndLeavesUserEnabled()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        var response = await viewer.SendAsync(Post($"{Url}/{user.Id}/disable").WithIfMatch($"\"{user.Version}\""));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var admin = await AdminAsync();
        Assert.False((await (await admin.GetAsync($"{Url}/{user.Id}")).ReadAsync<StaffUserRow>()).IsDisabled);
    }

    // ---- create ----

    [Fact]
    public async Task Create_Answers201WithLocationETagAndTheUser()
    {
        using var admin = await AdminAsync();
        var body = NewStaffUser("Ada Lovelace", Roles.Staff, Roles.Viewer);

        var response = await admin.PostAsJsonAsync(Url, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<StaffUserRow>();
        Assert.Equal($"/api/v1/staff-users/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"{created.Version}\"", response.ETag());
        Assert.Equal(body.Email, created.Email);
        Assert.Equal("Ada Lovelace", created.DisplayName);
        Assert.Equal([Roles.Staff, Roles.Viewer], created.Roles);
        Assert.False(created.IsDisabled);

        var fetched = await admin.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(created.Id, (await fetched.ReadAsync<StaffUserRow>()).Id);
    }

    [Fact]
    public async Task Create_ResponseNeverContainsThePasswordOrItsHash()
    {
        using var admin = await AdminAsync();

        var response = await admin.PostAsJsonAsync(Url, NewStaffUser());

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain(StrongPassword, text);
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("securityStamp", text, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string> InvalidCreates => new()
    {
        // field name, JSON body change
        { "email", """{"email":"","displayName":"A","roles":["Viewer"],"password":"Correct-Horse-42"}""" },
        { "email", """{"email":"not-an-email","displayName":"A","roles":["Viewer"],"password":"Correct-Horse-42"}""" },
        { "email", """{"email":"two@@example.com","displayName":"A","roles":["Viewer"],"password":"Correct-Horse-42"}""" },
        { "displayName", """{"email":"a@example.com","displayName":"","roles":["Viewer"],"password":"Correct-Horse-42"}""" },
        { "displayName", """{"email":"a@example.com","displayName":"   ","roles":["Viewer"],"password":"Correct-Horse-42"}""" },
        { "displayName", $$"""{"email":"a@example.com","displayName":"{{new string('x', 1000)}}","roles":["Viewer"],"password":"Correct-Horse-42"}""" },
        { "password", """{"email":"a@example.com","displayName":"A","roles":["Viewer"],"password":""}""" },
        { "password", """{"email":"a@example.com","displayName":"A","roles":["Viewer"],"password":"short1A"}""" },
        { "password", """{"email":"a@example.com","displayName":"A","roles":["Viewer"],"password":"alllowercase-nodigits"}""" },
        { "password", """{"email":"a@example.com","displayName":"A","roles":["Viewer"],"password":"NoDigitsHereAtAll"}""" },
        { "roles", """{"email":"a@example.com","displayName":"A","roles":[],"password":"Correct-Horse-42"}""" },
        { "roles", """{"email":"a@example.com","displayName":"A","roles":["Emperor"],"password":"Correct-Horse-42"}""" },
        { "roles", """{"email":"a@example.com","displayName":"A","roles":["Viewer","Root"],"password":"Correct-Horse-42"}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Create_WithInvalidField_Is400NamingThatField(string field, string json)
    {
        using var admin = await AdminAsync();

        var response = await admin.PostAsync(Url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldHaveFieldErrorsAsync(field);
    }

    [Fact]
    public async Task Create_WithEverythingWrong_ReportsEveryField()
    {
        using var admin = await AdminAsync();

        var response = await admin.PostAsJsonAsync(Url, new { email = "nope", displayName = "", roles = new[] { "Nobody" }, password = "weak" });

        await response.ShouldHaveFieldErrorsAsync("email", "displayName", "roles", "password");
    }

    [Fact]
    public async Task Create_WithAnEmailAlreadyInUse_Is400OnEmail_CaseInsensitively()
    {
        var existing = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();
        var duplicate = NewStaffUser();
        duplicate.Email = existing.Email.ToUpperInvariant();

        var response = await admin.PostAsJsonAsync(Url, duplicate);

        await response.ShouldHaveFieldErrorsAsync("email");
    }

    // ---- read ----

    [Fact]
    public async Task Get_SendsTheVersionAsETag()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.GetAsync($"{Url}/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await response.ReadAsync<StaffUserRow>();
        Assert.Equal(user.Email, row.Email);
        Assert.True(row.Version > 0);
        Assert.Equal($"\"{row.Version}\"", response.ETag());
    }

    [Fact]
    public async Task Get_UnknownId_Is404Problem()
    {
        using var admin = await AdminAsync();

        var response = await admin.GetAsync($"{Url}/{Guid.CreateVersion7()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("12345")]
    public async Task Get_NonGuidId_Is404Problem(string id)
    {
        using var admin = await AdminAsync();

        var response = await admin.GetAsync($"{Url}/{id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---- update ----

    [Fact]
    public async Task Update_WithCurrentIfMatch_SavesAndChangesTheETag()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();
        var read = await admin.GetAsync($"{Url}/{user.Id}");
        var etag = read.ETag()!;

        var response = await admin.SendAsync(Put($"{Url}/{user.Id}", new { displayName = "Renamed", roles = new[] { Roles.Staff } }).WithIfMatch(etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadAsync<StaffUserRow>();
        Assert.Equal("Renamed", updated.DisplayName);
        Assert.Equal([Roles.Staff], updated.Roles);
        Assert.NotEqual(etag, response.ETag());
        Assert.Equal($"\"{updated.Version}\"", response.ETag());

        var again = await admin.GetAsync($"{Url}/{user.Id}");
        Assert.Equal(response.ETag(), again.ETag());
        Assert.Equal("Renamed", (await again.ReadAsync<StaffUserRow>()).DisplayName);
    }

    [Fact]
    public async Task Update_WithStaleIfMatch_Is412ConcurrencyStale_AndKeepsTheOtherChange()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();
        var stale = (await admin.GetAsync($"{Url}/{user.Id}")).ETag()!;
        var first = await admin.SendAsync(Put($"{Url}/{user.Id}", new { displayName = "First writer", roles = new[] { Roles.Viewer } }).WithIfMatch(stale));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await admin.SendAsync(Put($"{Url}/{user.Id}", new { displayName = "Second writer", roles = new[] { Roles.Viewer } }).WithIfMatch(stale));

        var problem = await second.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("concurrency.stale", problem.Code());
        Assert.Equal("First writer", (await (await admin.GetAsync($"{Url}/{user.Id}")).ReadAsync<StaffUserRow>()).DisplayName);
    }

    [Fact]
    public async Task Update_WithStaleVersionInBodyAndNoIfMatch_Is412()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.PutAsJsonAsync($"{Url}/{user.Id}", new { displayName = "X", roles = new[] { Roles.Viewer }, version = user.Version + 7 });

        Assert.Equal("concurrency.stale", (await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).Code());
    }

    [Fact]
    public async Task Update_WithoutAnyVersion_Is428()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.PutAsJsonAsync($"{Url}/{user.Id}", new { displayName = "X", roles = new[] { Roles.Viewer } });

        await response.ShouldBeProblemAsync((HttpStatusCode)428);
    }

    [Fact]
    public async Task Update_WithAnIfMatchThatIsNoEntityTag_Is400()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.SendAsync(Put($"{Url}/{user.Id}", new { displayName = "X", roles = new[] { Roles.Viewer } }).WithIfMatch("abc"));

        await response.ShouldHaveFieldErrorsAsync("If-Match");
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"0\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"99\"")]
    public async Task Update_WithAWellFormedTagThatMatchesNoVersion_Is412_AndChangesNothing(string ifMatch)
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.SendAsync(Put($"{Url}/{user.Id}", new { displayName = "Changed", roles = new[] { Roles.Viewer } }).WithIfMatch(ifMatch));

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        var after = await factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().GetAsync(user.Id));
        Assert.Equal((user.DisplayName, user.Version), (after.DisplayName, after.Version));
    }

    [Fact]
    public async Task Update_WithIfMatchStar_AppliesToTheCurrentVersion()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.SendAsync(Put($"{Url}/{user.Id}", new { displayName = "Starred", roles = new[] { Roles.Viewer } }).WithIfMatch("*"));

        var updated = await response.ReadAsync<StaffUserRow>();
        Assert.Equal("Starred", updated.DisplayName);
        Assert.Equal(user.Version + 1, updated.Version);
    }

    [Fact]
    public async Task Update_WithInvalidFields_Is400ByField()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.SendAsync(Put($"{Url}/{user.Id}", new { displayName = new string('n', 1000), roles = new[] { "Wizard" } })
            .WithIfMatch($"\"{user.Version}\""));

        await response.ShouldHaveFieldErrorsAsync("displayName", "roles");
    }

    [Fact]
    public async Task Update_UnknownId_Is404()
    {
        using var admin = await AdminAsync();

        var response = await admin.SendAsync(Put($"{Url}/{Guid.CreateVersion7()}", new { displayName = "X", roles = new[] { Roles.Viewer } }).WithIfMatch("\"1\""));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---- state actions ----

    [Fact]
    public async Task Disable_WithCurrentIfMatch_DisablesAndBumpsTheETag()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();
        var etag = (await admin.GetAsync($"{Url}/{user.Id}")).ETag()!;

        var response = await admin.SendAsync(Post($"{Url}/{user.Id}/disable").WithIfMatch(etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.ReadAsync<StaffUserRow>()).IsDisabled);
        Assert.NotEqual(etag, response.ETag());
    }

    [Fact]
    public async Task Disable_WithoutIfMatch_Is428AndChangesNothing()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.PostAsync($"{Url}/{user.Id}/disable", null);

        var problem = await response.ShouldBeProblemAsync((HttpStatusCode)428);
        Assert.Equal("concurrency.version_required", problem.Code());
        Assert.False((await (await admin.GetAsync($"{Url}/{user.Id}")).ReadAsync<StaffUserRow>()).IsDisabled);
    }

    [Fact]
    public async Task Disable_WithStaleIfMatch_Is412AndChangesNothing()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();
        var stale = (await admin.GetAsync($"{Url}/{user.Id}")).ETag()!;
        var rename = await admin.SendAsync(Put($"{Url}/{user.Id}", new { displayName = "Changed meanwhile", roles = new[] { Roles.Viewer } }).WithIfMatch(stale));
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);

        var response = await admin.SendAsync(Post($"{Url}/{user.Id}/disable").WithIfMatch(stale));

        Assert.Equal("concurrency.stale", (await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).Code());
        Assert.False((await (await admin.GetAsync($"{Url}/{user.Id}")).ReadAsync<StaffUserRow>()).IsDisabled);
    }

    [Fact]
    public async Task Disable_WhenAlreadyDisabled_Is409WithCode()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();
        var disabled = await admin.SendAsync(Post($"{Url}/{user.Id}/disable").WithIfMatch($"\"{user.Version}\""));
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        var again = await admin.SendAsync(Post($"{Url}/{user.Id}/disable").WithIfMatch(disabled.ETag()!));

        Assert.Equal("staff_user.already_disabled", (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task Enable_WhenNotDisabled_Is409WithCode()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.SendAsync(Post($"{Url}/{user.Id}/enable").WithIfMatch($"\"{user.Version}\""));

        Assert.Equal("staff_user.not_disabled", (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task Disable_UnknownId_Is404()
    {
        using var admin = await AdminAsync();

        var response = await admin.SendAsync(Post($"{Url}/{Guid.CreateVersion7()}/disable").WithIfMatch("\"1\""));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DisableThenEnable_EachWithTheETagOfTheStepBefore()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();
        var disabled = await admin.SendAsync(Post($"{Url}/{user.Id}/disable").WithIfMatch($"\"{user.Version}\""));
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        var enabled = await admin.SendAsync(Post($"{Url}/{user.Id}/enable").WithIfMatch(disabled.ETag()!));

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.False((await enabled.ReadAsync<StaffUserRow>()).IsDisabled);
        Assert.NotEqual(disabled.ETag(), enabled.ETag());
    }

    [Fact]
    public async Task ResetPassword_WithIfMatch_Succeeds_AndTheOldETagIsThenStale()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();
        var etag = $"\"{user.Version}\"";

        var reset = await admin.SendAsync(Post($"{Url}/{user.Id}/password", new { newPassword = "Another-Strong-99" }).WithIfMatch(etag));
        var rename = await admin.SendAsync(Put($"{Url}/{user.Id}", new { displayName = "Late", roles = new[] { Roles.Viewer } }).WithIfMatch(etag));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.DoesNotContain("Another-Strong-99", await reset.Content.ReadAsStringAsync());
        Assert.Equal("concurrency.stale", (await rename.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).Code());
    }

    [Fact]
    public async Task ResetPassword_WithWeakPassword_Is400OnNewPassword()
    {
        var user = await factory.ArrangeStaffUserAsync();
        using var admin = await AdminAsync();

        var response = await admin.SendAsync(Post($"{Url}/{user.Id}/password", new { newPassword = "weak" }).WithIfMatch($"\"{user.Version}\""));

        await response.ShouldHaveFieldErrorsAsync("newPassword");
    }
}
