using Portal.Domain.Outbox;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Organisations;

/// <summary>/api/v1/organisations/{id}/invitations: roles, validation, conflicts and lost-update protection.</summary>
public sealed partial class InvitationApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private Task<OrganisationDetails> ArrangeOrgAsync() => factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
    {
        ConfirmedNotDuplicate = true,
        Name = $"Org {Guid.NewGuid():N}", BillingEmail = "accounts@org.example", CountryCode = "GB",
        Owner = new CreateMember { Email = "olive@org.example", GivenName = "Olive", FamilyName = "Owner" },
    }));

    private static string InvitationsUrl(Guid id) => $"/api/v1/organisations/{id}/invitations";

    [Fact]
    public async Task Invitations_StaffInvites_201WithLocation_TheEmailCarriesTheLink_ListShowsIt()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var email = $"bea-{Guid.NewGuid():N}@example.com";

        var response = await staff.PostAsJsonAsync(InvitationsUrl(org.Id), new { email, givenName = "Bea", role = "Admin" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invitation = await response.ReadInvitationAsync();
        Assert.Equal($"{InvitationsUrl(org.Id)}/{invitation.Id}", response.Headers.Location?.ToString());
        Assert.Equal((InvitationStatus.Pending, MemberRole.Admin), (invitation.Status, invitation.Role));
        Assert.DoesNotContain("token", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var outbox = await factory.AsAdminAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var stored = await db.OutboxEmails.SingleAsync(e => e.To == email);
            return (stored.TextBody, Sent: stored.Revealed(sp.GetRequiredService<OutboxSecretProtector>()));
        });
        Assert.DoesNotMatch(JoinLink(), outbox.TextBody); // the stored body holds a placeholder; the link is encrypted beside it
        Assert.Matches(JoinLink(), outbox.Sent);

        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        var list = await (await viewer.GetAsync($"{InvitationsUrl(org.Id)}?status=Pending")).ReadAsync<JsonElement>();
        Assert.Equal(invitation.Id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var one = await viewer.GetAsync($"{InvitationsUrl(org.Id)}/{invitation.Id}");
        Assert.Equal($"\"{invitation.Version}\"", one.ETag());
    }

    [GeneratedRegex(@"http://localhost:5080/invitations/accept/[A-Za-z0-9_-]{43}")]
    private static partial Regex JoinLink();

    [Fact]
    public async Task Invitations_BadInput_Is400_AViewerIs403_UnknownOrganisationIs404()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        await (await staff.PostAsJsonAsync(InvitationsUrl(org.Id), new { email = "nope", role = "Owner" })).ShouldHaveFieldErrorsAsync("email", "role");
        await (await staff.PostAsJsonAsync(InvitationsUrl(org.Id), new { email = "olive@org.example" })).ShouldHaveFieldErrorsAsync("email");
        await (await viewer.PostAsJsonAsync(InvitationsUrl(org.Id), new { email = "new@example.com" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.PostAsJsonAsync(InvitationsUrl(Guid.CreateVersion7()), new { email = "new@example.com" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await staff.GetAsync(InvitationsUrl(Guid.CreateVersion7()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invitations_RevokeAndResend_NeedIfMatch_AndUsedUpOnesAre409WithACode()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var invitation = await (await staff.PostAsJsonAsync(InvitationsUrl(org.Id), new { email = $"bea-{Guid.NewGuid():N}@example.com" })).ReadInvitationAsync();
        var url = $"{InvitationsUrl(org.Id)}/{invitation.Id}";

        await (await staff.SendAsync(Post($"{url}/revoke"))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await staff.SendAsync(Post($"{url}/revoke").WithIfMatch("\"99\""))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        var resent = await staff.SendAsync(Post($"{url}/resend").WithIfMatch($"\"{invitation.Version}\""));
        var fresh = await resent.ReadInvitationAsync();
        Assert.NotEqual(invitation.Id, fresh.Id);
        var again = await (await staff.SendAsync(Post($"{url}/revoke").WithIfMatch($"\"{invitation.Version + 1}\""))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("invitation.revoked", again.Code());
        var revoked = await staff.SendAsync(Post($"{InvitationsUrl(org.Id)}/{fresh.Id}/revoke").WithIfMatch(resent.ETag()!));
        Assert.Equal(InvitationStatus.Revoked, (await revoked.ReadInvitationAsync()).Status);
        await (await staff.SendAsync(Post($"{InvitationsUrl(org.Id)}/{Guid.CreateVersion7()}/revoke").WithIfMatch("\"1\""))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

internal static class InvitationResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The API writes enums as text ("Pending").</summary>
    public static async Task<InvitationRow> ReadInvitationAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success but got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<InvitationRow>(text, Json)!;
    }
}
