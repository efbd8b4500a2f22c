using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Auth;

/// <summary>The app with every request coming from one client address (TestServer has none of its own).</summary>
public sealed class FromClientAddressPortalApiFactory : PortalApiFactory
{
    public const string ClientAddress = "203.0.113.7";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, FromClient>());
    }

    private sealed class FromClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(ClientAddress);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

/// <summary>
/// Sign-in, failed sign-in, lockout, sign-out, key use, key create/revoke, role changes and reveals each write one
/// security event with kind, actor, address, User-Agent, time and subject; and only an Admin reads them.
/// </summary>
public sealed partial class SecurityEventTests(FromClientAddressPortalApiFactory factory) : IClassFixture<FromClientAddressPortalApiFactory>
{
    private const string Browser = "Mozilla/5.0 (SecurityEventTests) Firefox/140.0";

    private HttpClient NewBrowser()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        return client;
    }

    private static async Task<string> FormTokenAsync(HttpClient browser) =>
        FormToken().Match(await browser.GetStringAsync("/account/sign-in")).Groups[1].Value;

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        await browser.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = await FormTokenAsync(browser),
        }));

    /// <summary>The security events of one kind about one subject, newest first, as an Admin reads them.</summary>
    private Task<IReadOnlyList<AuditRow>> EventsAsync(string kind, string subjectId) => factory.AsAdminAsync(async sp =>
        (await sp.GetRequiredService<AuditService>().ListAsync(new AuditQuery { Kind = kind, EntityId = subjectId, PageSize = 200 })).Items);

    private Task<IReadOnlyList<AuditRow>> FailedSignInsOfAsync(string actor) => factory.AsAdminAsync(async sp =>
        (await sp.GetRequiredService<AuditService>().ListAsync(new AuditQuery { Kind = SecurityEvents.SignInFailed, Actor = actor, PageSize = 200 })).Items);

    private static string Change(AuditRow row, string field) => Assert.Single(row.Changes, c => c.Field == field).To!;

    private static void FromTheBrowser(AuditRow row)
    {
        Assert.Equal(FromClientAddressPortalApiFactory.ClientAddress, row.ClientAddress);
        Assert.Equal(Browser, row.UserAgent);
    }

    [Fact]
    public async Task APasswordSignIn_AndSignOut_AreEachOneEvent_WithWhoWhereAndWhat()
    {
        var person = NewStaffUser("Sam Signin", Roles.Staff);
        var row = await factory.ArrangeStaffUserAsync(person);
        using var browser = NewBrowser();

        Assert.Equal("/", (await SignInAsync(browser, person.Email, person.Password)).Headers.Location?.ToString());
        var signOut = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await FormTokenAsync(browser), // issued to the signed-in user
        }));
        Assert.Equal("/account/sign-in", signOut.Headers.Location?.ToString());

        var signedIn = Assert.Single(await EventsAsync(SecurityEvents.SignedIn, row.Id.ToString()));
        Assert.Equal((person.Email, row.Id.ToString(), nameof(StaffUser), "password"), (signedIn.Actor, signedIn.EntityId, signedIn.EntityType, Change(signedIn, "method")));
        Assert.Equal(SecurityEvents.SignedIn, signedIn.SecurityEvent);
        FromTheBrowser(signedIn);
        Assert.True(DateTimeOffset.UtcNow - signedIn.At < TimeSpan.FromMinutes(1));
        var signedOut = Assert.Single(await EventsAsync(SecurityEvents.SignedOut, row.Id.ToString()));
        Assert.Equal(person.Email, signedOut.Actor);
        FromTheBrowser(signedOut);
    }

    [Fact]
    public async Task AFailedSignIn_ForAnUnknownEmail_AnswersAsAWrongPasswordDoes_AndBothAreRecorded_WithoutThePassword()
    {
        var person = NewStaffUser("Wes Wrong", Roles.Staff);
        var row = await factory.ArrangeStaffUserAsync(person);
        var unknown = $"Nobody-{Guid.NewGuid():N}@Test.Example";
        using var browser = NewBrowser();

        var wrong = await SignInAsync(browser, $"  {person.Email.ToUpperInvariant()} ", "Wrong-Password-4711");
        var nobody = await SignInAsync(browser, unknown, "Wrong-Password-4711");

        // The same answer: status, page, cookies; only the email typed is sent back into the form.
        Assert.Equal(wrong.StatusCode, nobody.StatusCode);
        Assert.Equal(wrong.Headers.Location!.ToString().Replace(Uri.EscapeDataString(person.Email.ToUpperInvariant()), "EMAIL"),
            nobody.Headers.Location!.ToString().Replace(Uri.EscapeDataString(unknown), "EMAIL"));
        Assert.Equal(wrong.Headers.Contains("Set-Cookie"), nobody.Headers.Contains("Set-Cookie"));

        var known = Assert.Single(await EventsAsync(SecurityEvents.SignInFailed, row.Id.ToString()));
        Assert.Equal((person.Email.ToLowerInvariant(), SecurityEventLog.Reasons.WrongPassword), (known.Actor, Change(known, "reason")));
        FromTheBrowser(known);
        var stranger = Assert.Single(await FailedSignInsOfAsync(unknown.ToLowerInvariant()));
        Assert.Equal((unknown.ToLowerInvariant(), SecurityEventLog.UnknownAccount, SecurityEventLog.Reasons.UnknownEmail),
            (stranger.Actor, stranger.EntityId, Change(stranger, "reason")));
        FromTheBrowser(stranger);
        Assert.DoesNotContain(known.Changes.Concat(stranger.Changes), c => c.To?.Contains("Wrong-Password") == true);
    }

    [Fact]
    public async Task FiveWrongPasswordsAtOnce_AreFiveFailures_AndOneLockout()
    {
        var person = NewStaffUser("Lou Locked", Roles.Staff);
        var row = await factory.ArrangeStaffUserAsync(person);
        using var browser = NewBrowser();
        var token = await FormTokenAsync(browser);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => browser.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = person.Email, ["password"] = $"Wrong-{i}", ["__RequestVerificationToken"] = token }))));
        Assert.Contains("error=locked", (await SignInAsync(browser, person.Email, person.Password)).Headers.Location?.ToString());

        var failures = await EventsAsync(SecurityEvents.SignInFailed, row.Id.ToString());
        Assert.Equal(5, failures.Count(f => Change(f, "reason") == SecurityEventLog.Reasons.WrongPassword));
        Assert.Equal(SecurityEventLog.Reasons.LockedOut, Change(failures[0], "reason")); // the right password, too late
        var lockout = Assert.Single(await EventsAsync(SecurityEvents.LockedOut, row.Id.ToString()));
        Assert.Equal(person.Email.ToLowerInvariant(), lockout.Actor);
        FromTheBrowser(lockout);
        Assert.Empty(await EventsAsync(SecurityEvents.SignedIn, row.Id.ToString()));
    }

    [Fact]
    public async Task KeyCreateAndRevoke_RoleChange_DisableEnable_AreTheirChangeEntries_TaggedNotDuplicated()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        admin.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "Tagged", role = Roles.Viewer })).ReadAsync<CreatedApiKey>();
        var revoke = await admin.SendAsync(Post($"/api/v1/api-keys/{created.Key.Id}/revoke").WithIfMatch($"\"{created.Key.Version}\""));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var keyHistory = await factory.AsAdminAsync(sp => sp.GetRequiredService<AuditService>().HistoryAsync(nameof(ApiKey), created.Key.Id.ToString(), new ListQuery()));
        Assert.Equal([(AuditActions.Updated, SecurityEvents.ApiKeyRevoked), (AuditActions.Created, SecurityEvents.ApiKeyCreated)],
            keyHistory.Items.Select(e => (e.Action, e.SecurityEvent)));
        Assert.All(keyHistory.Items, FromTheBrowser);
        Assert.Contains(keyHistory.Items[0].Changes, c => c.Field == "revokedAt");

        var user = await factory.ArrangeStaffUserAsync(NewStaffUser("Rhea Role", Roles.Viewer));
        var updated = await (await admin.SendAsync(Put($"/api/v1/staff-users/{user.Id}", new { displayName = "Rhea Role", roles = new[] { Roles.Staff } })
            .WithIfMatch($"\"{user.Version}\""))).ReadAsync<StaffUserRow>();
        var disabled = await (await admin.SendAsync(Post($"/api/v1/staff-users/{user.Id}/disable").WithIfMatch($"\"{updated.Version}\""))).ReadAsync<StaffUserRow>();
        await admin.SendAsync(Post($"/api/v1/staff-users/{user.Id}/enable").WithIfMatch($"\"{disabled.Version}\""));

        var userHistory = (await factory.AsAdminAsync(sp => sp.GetRequiredService<AuditService>().HistoryAsync(nameof(StaffUser), user.Id.ToString(), new ListQuery()))).Items;
        Assert.Equal(2, userHistory.Count(e => e.Action is AuditActions.RoleAdded && e.SecurityEvent == SecurityEvents.RoleChanged)); // at creation, then Staff
        var removed = Assert.Single(userHistory, e => e.Action == AuditActions.RoleRemoved);
        Assert.Equal((SecurityEvents.RoleChanged, Roles.Viewer), (removed.SecurityEvent, Change(removed, "role")));
        Assert.Single(userHistory, e => e.SecurityEvent == SecurityEvents.UserDisabled);
        Assert.Single(userHistory, e => e.SecurityEvent == SecurityEvents.UserEnabled);
        Assert.Equal(userHistory.Count, userHistory.Select(e => e.Id).Distinct().Count());
        FromTheBrowser(Assert.Single(userHistory, e => e.SecurityEvent == SecurityEvents.UserDisabled));
    }

    [Fact]
    public async Task ARevealOfBankDetails_IsASecretRevealedEvent_ThatOnlyAnAdminReads()
    {
        var org = (await factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = $"Reveal {Guid.NewGuid():N}"[..20], BillingEmail = "accounts@org.example", CountryCode = "GB",
        }))).Organisation;
        await factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationBankDetailsService>().SetAsync(org.Id,
            new UpdateBankDetails { AccountHolderName = "Reveal Ltd", SortCode = "40-47-84", AccountNumber = "31926819", Version = org.Version }));
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        admin.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/organisations/{org.Id}/bank-details/reveal", null)).StatusCode);

        var reveal = Assert.Single(await EventsAsync(SecurityEvents.SecretRevealed, org.Id.ToString()));
        Assert.Equal((nameof(OrganisationBankDetails), AuditActions.Revealed), (reveal.EntityType, reveal.Action));
        Assert.StartsWith("person-", reveal.Actor);
        FromTheBrowser(reveal);
        // The organisation's History: an Admin sees the reveal, Staff and Viewers see the changes without it.
        foreach (var (role, sees) in new[] { (Roles.Admin, true), (Roles.Staff, false), (Roles.Viewer, false) })
        {
            var history = await HistoryAsAsync(role, org.Id);
            Assert.Equal(sees, history.Any(e => e.Action == AuditActions.Revealed));
            Assert.Contains(history, e => e.EntityType == nameof(OrganisationBankDetails) && e.Action == AuditActions.Created);
        }
    }

    private async Task<IReadOnlyList<AuditRow>> HistoryAsAsync(string role, Guid organisationId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal = TestStore.Principal(Guid.CreateVersion7(), role, $"{role}@test.example");
        return (await scope.ServiceProvider.GetRequiredService<AuditService>().HistoryAsync(nameof(Organisation), organisationId.ToString(), new ListQuery { PageSize = 200 })).Items;
    }

    [Fact]
    public async Task TheAuditList_FiltersSecurityEvents_AndByKind_ForAnAdminOnly()
    {
        var person = NewStaffUser("Fay Filter", Roles.Viewer);
        var row = await factory.ArrangeStaffUserAsync(person);
        using (var browser = NewBrowser()) await SignInAsync(browser, person.Email, person.Password);
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var security = await (await admin.GetAsync("/api/v1/audit?security=true&pageSize=200")).JsonAsync();
        var items = security.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, e => Assert.True(SecurityEvents.IsKnown(e.GetProperty("securityEvent").GetString())));
        var signIn = Assert.Single((await (await admin.GetAsync($"/api/v1/audit?kind=SignedIn&entityId={row.Id}")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal((FromClientAddressPortalApiFactory.ClientAddress, Browser),
            (signIn.GetProperty("clientAddress").GetString(), signIn.GetProperty("userAgent").GetString()));
        var changes = (await (await admin.GetAsync("/api/v1/audit?security=false&pageSize=200")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(changes);
        Assert.All(changes, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("securityEvent").ValueKind));
        await (await admin.GetAsync("/api/v1/audit?kind=Teleported")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        foreach (var role in new[] { Roles.Viewer, Roles.Staff, Roles.Warehouse })
        {
            using var key = await factory.ClientWithRoleAsync(role);
            await (await key.GetAsync("/api/v1/audit?security=true")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            using var person2 = await factory.SignedInClientAsync(role);
            await (await person2.GetAsync("/api/v1/audit?kind=SignedIn")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}

/// <summary>An API key's use is one event per key per UTC day, however many requests, at once or through the day.</summary>
public sealed class ApiKeyUseEventTests(ClockedPortalApiFactory factory) : IClassFixture<ClockedPortalApiFactory>
{
    private Task<IReadOnlyList<AuditRow>> UsesAsync(Guid keyId) => factory.AsAdminAsync(async sp =>
        (await sp.GetRequiredService<AuditService>().ListAsync(new AuditQuery { Kind = SecurityEvents.ApiKeyUsed, EntityId = keyId.ToString() })).Items);

    [Fact]
    public async Task ManyRequests_OneDay_AreOneEvent_AndTheNextDayIsAnother()
    {
        var key = await factory.ArrangeApiKeyAsync(Roles.Viewer);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("billing-sync/2.1");

        var first = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetAsync("/api/v1/organisations")));
        Assert.All(first, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        factory.Clock.Advance(TimeSpan.FromMinutes(5)); // past the last-used resolution: still the same day's use
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/organisations")).StatusCode);

        var use = Assert.Single(await UsesAsync(key.Key.Id));
        Assert.Equal(($"api-key:{key.Key.Name}", nameof(ApiKey), "billing-sync/2.1"), (use.Actor, use.EntityType, use.UserAgent));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.Date.ToString("yyyy-MM-dd"), Assert.Single(use.Changes, c => c.Field == "day").To);

        factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/organisations")).StatusCode);

        Assert.Equal(2, (await UsesAsync(key.Key.Id)).Count);
    }
}

/// <summary>An Entra sign-in is a SignedIn event like a password's (the OIDC handler's token-validated step).</summary>
public sealed class EntraSecurityEventTests(EntraPortalApiFactory factory) : IClassFixture<EntraPortalApiFactory>
{
    [Fact]
    public async Task AValidatedEntraSignIn_WritesOneSignedInEvent_NamedByTheDirectory()
    {
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>()
            .Get(OpenIdConnectDefaults.AuthenticationScheme);
        var objectId = Guid.NewGuid().ToString();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Origin = new RequestOrigin("203.0.113.9", "Edge/140");
            var person = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim("oid", objectId), new Claim("preferred_username", "eve@contoso.example"), new Claim("name", "Eve Entra")], "oidc"));
            var context = new TokenValidatedContext(new DefaultHttpContext { RequestServices = scope.ServiceProvider },
                new AuthenticationScheme(OpenIdConnectDefaults.AuthenticationScheme, null, typeof(OpenIdConnectHandler)), options, person, new AuthenticationProperties())
            {
                ProtocolMessage = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectMessage(),
            };

            await options.Events.TokenValidated(context);
        }

        var events = await factory.AsAdminAsync(async sp =>
            (await sp.GetRequiredService<AuditService>().ListAsync(new AuditQuery { Kind = SecurityEvents.SignedIn, EntityId = objectId })).Items);
        var signedIn = Assert.Single(events);
        Assert.Equal(("eve@contoso.example", "ExternalUser", "entra", "203.0.113.9", "Edge/140"),
            (signedIn.Actor, signedIn.EntityType, Assert.Single(signedIn.Changes).To, signedIn.ClientAddress, signedIn.UserAgent));
    }
}
