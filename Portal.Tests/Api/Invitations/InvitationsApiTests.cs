using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Api;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Invitations;

/// <summary>An app whose verification limit is low, for the rate-limit test.</summary>
public sealed class LowVerificationLimitFactory : PortalApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Invitations:VerificationsPerMinute", "3");
    }
}

/// <summary>/api/v1/invitations: roles, 400 with fields, 404, 409 with a code, 412/428, the anonymous verification and no key item ever answered.</summary>
public sealed class InvitationsApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/invitations";
    private const string Secret = "obsolete obese octopus";

    private Task<OrganisationDetails> ArrangeOrgAsync() => factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
    {
        ConfirmedNotDuplicate = true,
        Name = $"Org {Guid.NewGuid():N}"[..24], BillingEmail = "accounts@org.example", CountryCode = "GB",
        Owner = new CreateMember { Email = "olive@org.example", GivenName = "Olive", FamilyName = "Owner" },
    }));

    internal static object Signer(Guid org, string first) => new
    {
        type = "AuthorizedSigner", firstName = first, lastName = "Smith", emailAddress = $"{first}@example.com", identification = "4758",
        sharedSecret = Secret, inviterFullName = "Jane Doe", organisationId = org,
    };

    [Fact]
    public async Task StaffCreate_201WithLocationAndETag_NoKeyItemInAnyAnswer_ViewersRead_WarehouseNot()
    {
        var org = await ArrangeOrgAsync();
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var first = $"Ann{Guid.NewGuid():N}"[..12];

        var created = await staff.PostAsJsonAsync(Url, Signer(org.Organisation.Id, first));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadAsStringAsync();
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal($"{Url}/{id}", created.Headers.Location?.ToString());
        Assert.NotNull(created.ETag());
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        var read = await viewer.GetAsync($"{Url}/{id}");
        var list = await viewer.GetAsync($"{Url}?state=sent&name={first}");
        var csv = await viewer.GetAsync($"{Url}/export?name={first}");
        foreach (var text in new[] { body, await read.Content.ReadAsStringAsync(), await list.Content.ReadAsStringAsync(), await csv.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain("4758", text);
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(id, Assert.Single((await list.JsonAsync()).GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Contains(first, await csv.Content.ReadAsStringAsync());
        using var warehouse = await factory.ClientWithRoleAsync(Roles.Warehouse);
        Assert.Equal(HttpStatusCode.Forbidden, (await warehouse.GetAsync($"{Url}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(Url, Signer(org.Organisation.Id, first + "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task BadBodies_400WithTheirFields()
    {
        var org = await ArrangeOrgAsync();
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);

        await (await staff.PostAsJsonAsync(Url, new
        {
            type = "AuthorizedSigner", firstName = "", lastName = "Smith", emailAddress = "not-an-email", identification = "475",
            sharedSecret = "seven77", inviterFullName = "Jane", organisationId = org.Organisation.Id,
        })).ShouldHaveFieldErrorsAsync("firstName", "emailAddress", "identification", "sharedSecret");
        await (await staff.PostAsJsonAsync(Url, new
        {
            type = "Joint", firstName = "Ann", lastName = "Smith", emailAddress = "ann@example.com", identification = "4758",
            sharedSecret = Secret, inviterFullName = "Jane", organisationId = org.Organisation.Id,
        })).ShouldHaveFieldErrorsAsync("accountUri", "organisationId");
        await (await staff.GetAsync($"{Url}?state=pending")).ShouldHaveFieldErrorsAsync("state");
    }

    [Fact]
    public async Task StateActions_NeedIfMatch_412WhenStale_409WithACode_404ForUnknown()
    {
        var org = await ArrangeOrgAsync();
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var created = await staff.PostAsJsonAsync(Url, Signer(org.Organisation.Id, $"Bo{Guid.NewGuid():N}"[..12]));
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var etag = created.ETag()!;

        Assert.Equal((HttpStatusCode)428, (await staff.SendAsync(Post($"{Url}/{id}/revoke"))).StatusCode);
        var completeEarly = await staff.SendAsync(Post($"{Url}/{id}/complete").WithIfMatch(etag));
        Assert.Equal("invitation.not_accepted", (await completeEarly.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
        var revoked = await staff.SendAsync(Post($"{Url}/{id}/revoke").WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await (await staff.SendAsync(Post($"{Url}/{id}/resend").WithIfMatch(etag))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        var again = await staff.SendAsync(Post($"{Url}/{id}/resend").WithIfMatch(revoked.ETag()!));
        Assert.Equal("invitation.not_sent", (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
        await (await staff.GetAsync($"{Url}/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}").WithIfMatch(revoked.ETag()!))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}").WithIfMatch(revoked.ETag()!))).StatusCode);
    }

    [Fact]
    public async Task TheInvitee_VerifiesAnonymously_AWrongSecretIsOne409ThatNamesNoField_ThenStaffComplete_AndTheSignerIsAMember()
    {
        var org = await ArrangeOrgAsync();
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var first = $"Cy{Guid.NewGuid():N}"[..12];
        var id = (await (await staff.PostAsJsonAsync(Url, Signer(org.Organisation.Id, first))).JsonAsync()).GetProperty("id").GetGuid();
        using var invitee = factory.CreateClient();

        var wrong = await invitee.PostAsJsonAsync($"{Url}/verifications", new { firstName = first, lastName = "Smith", identification = "4758", sharedSecret = "not the secret", invitationId = id });
        var right = await invitee.PostAsJsonAsync($"{Url}/verifications", new { firstName = first.ToUpperInvariant(), lastName = " smith ", identification = "4758", sharedSecret = Secret });

        var problem = await wrong.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("invitation.not_verified", problem.Code());
        Assert.False(problem.TryGetProperty("errors", out _));
        Assert.DoesNotContain("secret", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.DoesNotContain(Secret, await right.Content.ReadAsStringAsync());
        var accepted = await staff.GetAsync($"{Url}/{id}");
        Assert.Equal(("Accepted", 2), ((await accepted.JsonAsync()).GetProperty("state").GetString(), (await accepted.JsonAsync()).GetProperty("verificationCount").GetInt32()));
        var completed = await staff.SendAsync(Post($"{Url}/{id}/complete").WithIfMatch(accepted.ETag()!));
        Assert.Equal("Completed", (await completed.JsonAsync()).GetProperty("state").GetString());
        var members = await (await staff.GetAsync($"/api/v1/organisations/{org.Organisation.Id}/members")).JsonAsync();
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("role").GetString() == "Signer");
    }

    [Fact]
    public async Task Verifications_PastWhatTheServerHashesAtOnce_Get429AtOnceWithRetryAfter_AndPassAgainOnceItIsFree()
    {
        var gate = factory.Services.GetRequiredService<VerificationGate>();
        using var invitee = factory.CreateClient();
        var answer = new { firstName = "Ann", lastName = "Smith", identification = "4758", sharedSecret = "a guess at it" };
        // Every permit and every place in the queue taken, as a flood from many addresses would.
        var running = new List<System.Threading.RateLimiting.RateLimitLease>();
        var waiting = new List<Task<System.Threading.RateLimiting.RateLimitLease>>();
        while (true)
        {
            var next = gate.EnterAsync(CancellationToken.None);
            if (!next.IsCompleted) { waiting.Add(next.AsTask()); continue; }
            var lease = await next;
            if (!lease.IsAcquired) break;
            running.Add(lease);
        }

        var countedBefore = await RateLimitCountersAsync();
        var refused = await invitee.PostAsJsonAsync($"{Url}/verifications", answer).WaitAsync(TimeSpan.FromSeconds(30));
        var countedAfter = await RateLimitCountersAsync();
        foreach (var lease in running) lease.Dispose();
        // Each queued one is let in as a permit frees, so each is given back before the next is awaited (with one permit,
        // waiting for them all first waits for ever).
        foreach (var queued in waiting) (await queued.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        var passed = await invitee.PostAsJsonAsync($"{Url}/verifications", answer).WaitAsync(TimeSpan.FromSeconds(30));

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(VerificationGate.RetryAfterSeconds, refused.Headers.RetryAfter?.ToString());
        Assert.Equal(countedBefore, countedAfter); // refused before the per-address count: no database write
        Assert.Equal(HttpStatusCode.Conflict, passed.StatusCode);
    }

    /// <summary>Every per-address counter as it is stored now (key, window, count).</summary>
    private async Task<List<string>> RateLimitCountersAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return [.. (await db.Set<RateLimitCounter>().AsNoTracking().ToListAsync()).Select(c => $"{c.Key}@{c.WindowStart}={c.Count}").Order()];
    }

    [Fact]
    public async Task TheInviteePage_ARefusedAnswer_KeepsTheNamesTyped_NeverTheDigitsOrTheSecret_NorAnyOfThemInTheAddress()
    {
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var first = $"Kept{Guid.NewGuid():N}"[..12];
        var page = await browser.GetStringAsync("/invitations/accept");
        Assert.DoesNotContain(Portal.Domain.Invitations.KeyItemInvitationsDemoData.DemoIdentification, page); // the hint is never an answer

        var refused = await browser.PostAsync("/invitations/accept/answer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["firstName"] = first, ["lastName"] = "Émile", ["identification"] = "8135", ["sharedSecret"] = "a wrong secret here",
            ["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
        }));
        var location = refused.Headers.Location!.ToString();
        var again = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(location)); // as the browser shows it (É may be sent as a character reference)

        Assert.Equal("/invitations/accept?error=nomatch", location);
        Assert.Contains($"value=\"{first}\"", again);
        Assert.Contains("value=\"Émile\"", again);
        Assert.DoesNotContain("8135", again);
        Assert.DoesNotContain("a wrong secret here", again);
        Assert.Contains("do not match an open invitation", again);
        using var stranger = factory.CreateClient();
        Assert.DoesNotContain(first, await stranger.GetStringAsync(location)); // the names are the browser's, not the address's
    }
}

public sealed class InvitationVerificationRateLimitTests(LowVerificationLimitFactory factory) : IClassFixture<LowVerificationLimitFactory>
{
    [Fact]
    public async Task AFloodOfVerifications_FromOneAddress_Gets429WithRetryAfter_AsAProblem()
    {
        using var invitee = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await invitee.PostAsJsonAsync("/api/v1/invitations/verifications",
                new { firstName = "Ann", lastName = "Smith", identification = "4758", sharedSecret = "guess number " + i });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("60", last!.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }
}
