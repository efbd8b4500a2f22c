using System.Net;
using System.Net.Http.Json;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Admin;

/// <summary>/api/v1/audit: every change made through the API is in the trail, attributed, with secrets redacted.</summary>
public sealed class AuditApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/audit";

    [Fact]
    public async Task CreatingAStaffUser_IsAudited_WithThePasswordHashRedacted()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/v1/staff-users", NewStaffUser("Audited Person", Roles.Staff))).ReadAsync<StaffUserRow>();

        var response = await admin.GetAsync($"{Url}?entityType=StaffUser&entityId={created.Id}&pageSize=200");

        var text = await response.Content.ReadAsStringAsync();
        var page = await response.ReadAsync<PagedResult<AuditRow>>();
        var entry = Assert.Single(page.Items, a => a.Action == AuditActions.Created);
        Assert.Equal(nameof(StaffUser), entry.EntityType);
        Assert.Equal(created.Id.ToString(), entry.EntityId);
        Assert.StartsWith("person-", entry.Actor); // the signed-in Admin (SignedInClientAsync)
        var hash = Assert.Single(entry.Changes, c => c.Field == "passwordHash");
        Assert.Equal(AuditInterceptor.Redacted, hash.To);
        Assert.Contains(entry.Changes, c => c.Field == "displayName" && c.To == "Audited Person");
        Assert.Contains(page.Items, a => a.Action == AuditActions.RoleAdded && a.Changes.Any(c => c.To == Roles.Staff));
        Assert.DoesNotContain(StrongPassword, text);
        Assert.DoesNotContain("AQAAAA", text); // the prefix of every ASP.NET Identity v3 password hash
    }

    [Fact]
    public async Task FilterByEntityType_ReturnsOnlyThatType()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        await admin.PostAsJsonAsync("/api/v1/staff-users", NewStaffUser());

        var page = await (await admin.GetAsync($"{Url}?entityType=StaffUser&pageSize=200")).ReadAsync<PagedResult<AuditRow>>();

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, a => Assert.Equal(nameof(StaffUser), a.EntityType));
    }

    [Fact]
    public async Task RevokingAKey_IsAudited_AndTheKeyHashIsNeverShown()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var key = await factory.ArrangeApiKeyAsync();
        var revoke = await admin.SendAsync(Post($"/api/v1/api-keys/{key.Key.Id}/revoke").WithIfMatch($"\"{key.Key.Version}\""));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var page = await (await admin.GetAsync($"{Url}?entityType=ApiKey&entityId={key.Key.Id}")).ReadAsync<PagedResult<AuditRow>>();

        Assert.Contains(page.Items, a => a.Action == AuditActions.Updated && a.Changes.Any(c => c.Field == "revokedAt"));
        var created = Assert.Single(page.Items, a => a.Action == AuditActions.Created);
        Assert.Equal(AuditInterceptor.Redacted, Assert.Single(created.Changes, c => c.Field == "hash").To);
    }

    [Fact]
    public async Task Audit_IsAdminOnly()
    {
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        using var anonymous = factory.CreateClient();

        await (await viewer.GetAsync(Url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.GetAsync(Url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync(Url)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Audit_RejectsBadListParameters()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        await (await admin.GetAsync($"{Url}?pageSize=500")).ShouldHaveFieldErrorsAsync("pageSize");
        await (await admin.GetAsync($"{Url}?sort=bogus")).ShouldHaveFieldErrorsAsync("sort");
    }
}
