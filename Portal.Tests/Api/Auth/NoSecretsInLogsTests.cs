using Portal.Domain.Outbox;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Auth;

/// <summary>Every log line of every category at Trace: its message, its exception and its scopes, as text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Capturing(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values) // the structured values a JSON console writes
                foreach (var (key, value) in values) line.Append($" | {key}={value}");
            if (exception is not null) line.Append(" | exception: ").Append(exception);
            owner._scopes.ForEachScope((scope, text) =>
            {
                text.Append(" | scope: ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> scopeValues)
                    foreach (var (key, value) in scopeValues) text.Append($" {key}={value}");
            }, line);
            owner.Lines.Enqueue(line.ToString());
        }
    }
}

/// <summary>The app with every log category captured at Trace, on top of its own configuration.</summary>
public sealed class LogCapturingPortalApiFactory : PortalApiFactory
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.Services.AddSingleton<ILoggerProvider>(Logs);
            // A rule for this provider beats every category rule in appsettings: all categories, all levels.
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        });
    }
}

/// <summary>
/// No password, API key, bearer token, cookie value, bank detail or invitation secret is ever written to a log: the
/// journeys that handle each are driven with every category logging at Trace, and every line is searched for them.
/// </summary>
public sealed partial class NoSecretsInLogsTests(LogCapturingPortalApiFactory factory) : IClassFixture<LogCapturingPortalApiFactory>
{
    private readonly List<(string What, string Value)> _secrets = [];

    private void Secret(string what, string value) => _secrets.Add((what, value));

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> FormTokenAsync(HttpClient browser, string page) =>
        FormToken().Match(await browser.GetStringAsync(page)).Groups[1].Value;

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        await browser.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = await FormTokenAsync(browser, "/account/sign-in"),
        }));

    /// <summary>Cookie values the server set, as secrets (the auth cookie, the antiforgery cookie).</summary>
    private void CookiesOf(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies)) return;
        foreach (var cookie in cookies)
        {
            var value = cookie.Split(';')[0].Split('=', 2)[1];
            if (value.Length >= 16) Secret($"cookie {cookie.Split('=')[0]}", value);
        }
    }

    [Fact]
    public async Task SigningIn_Keys_Tokens_BankDetails_AndInvitations_LeaveNoSecretInAnyLogLine()
    {
        // An Admin in a browser (a person: keys cannot create keys), and a staff user to sign in as.
        var adminPassword = "Admin-Log-Secret-9431";
        var admin = new CreateStaffUser { Email = $"admin-{Guid.NewGuid():N}@test.example", DisplayName = "Log Admin", Roles = [Roles.Admin], Password = adminPassword };
        await factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().CreateAsync(admin));
        Secret("admin password", adminPassword);
        using var adminBrowser = Browser();
        var adminSignIn = await SignInAsync(adminBrowser, admin.Email, adminPassword);
        Assert.Equal("/", adminSignIn.Headers.Location?.ToString());
        CookiesOf(adminSignIn);
        var antiforgery = await FormTokenAsync(adminBrowser, "/account/sign-in");
        Secret("antiforgery form token", antiforgery);

        // Sign-in: right, wrong, unknown email; then an Admin sets a new password.
        var person = NewStaffUser("Pat Person", Roles.Staff);
        person.Password = "Right-Log-Secret-5127";
        var row = await factory.ArrangeStaffUserAsync(person);
        Secret("staff password", person.Password);
        using (var browser = Browser())
        {
            var right = await SignInAsync(browser, person.Email, person.Password);
            Assert.Equal("/", right.Headers.Location?.ToString());
            CookiesOf(right);
            Secret("wrong password", "Wrong-Log-Secret-8366");
            Assert.Contains("error=invalid", (await SignInAsync(browser, person.Email, "Wrong-Log-Secret-8366")).Headers.Location?.ToString());
            Secret("unknown account's password", "Unknown-Log-Secret-2093");
            Assert.Contains("error=invalid", (await SignInAsync(browser, "nobody-here@test.example", "Unknown-Log-Secret-2093")).Headers.Location?.ToString());
        }
        var newPassword = "Reset-Log-Secret-7718";
        Secret("new password", newPassword);
        var reset = await adminBrowser.SendAsync(Post($"/api/v1/staff-users/{row.Id}/password", new { newPassword }).WithIfMatch($"\"{row.Version}\""));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using (var browser = Browser())
            Assert.Equal("/", (await SignInAsync(browser, person.Email, newPassword)).Headers.Location?.ToString());

        // An API key: created, used, a wrong one tried, revoked, used again.
        var created = await adminBrowser.PostAsJsonAsync("/api/v1/api-keys", new { name = "Log probe", role = Roles.Admin });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.ReadAsync<CreatedApiKey>();
        Secret("API key", key.Plaintext);
        Secret("API key's secret part", key.Plaintext[13..]);
        using (var machine = factory.CreateClient())
        {
            machine.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);
            Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/v1/staff-users")).StatusCode);
        }
        var wrongKey = key.Plaintext[..^6] + "zzzzzz";
        Secret("wrong API key", wrongKey[13..]);
        using (var machine = factory.CreateClient())
        {
            machine.DefaultRequestHeaders.Add("X-Api-Key", wrongKey);
            Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/v1/staff-users")).StatusCode);
        }
        var revoke = await adminBrowser.SendAsync(Post($"/api/v1/api-keys/{key.Key.Id}/revoke").WithIfMatch($"\"{key.Key.Version}\""));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using (var machine = factory.CreateClient())
        {
            machine.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);
            Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/v1/staff-users")).StatusCode);
        }

        // Bearer tokens where no Entra is configured: refused, and not written down.
        var bearer = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2ctcHJvYmUifQ.Log-Bearer-Secret-3390";
        Secret("bearer token", "Log-Bearer-Secret-3390");
        using (var machine = factory.CreateClient())
        {
            machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/v1/organisations")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await machine.PostAsync("/api/v1/api-keys", JsonContent.Create(new { name = "x" }))).StatusCode);
        }

        // Bank details saved and revealed.
        var org = (await factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = $"Log Farms {Guid.NewGuid():N}"[..20], BillingEmail = "accounts@org.example", CountryCode = "GB",
        }))).Organisation;
        Secret("account number", "31926819");
        Secret("sort code", "404784");
        Secret("sort code (formatted)", "40-47-84");
        var put = await adminBrowser.SendAsync(Put($"/api/v1/organisations/{org.Id}/bank-details",
            new { accountHolderName = "Log Farms Ltd", bankName = "Barclays", sortCode = "40 47 84", accountNumber = "3192 6819" }).WithIfMatch($"\"{org.Version}\""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var revealed = await adminBrowser.PostAsync($"/api/v1/organisations/{org.Id}/bank-details/reveal", null);
        Assert.Equal("31926819", (await revealed.ReadAsync<RevealedBankDetails>()).AccountNumber);

        // An invitation: created, its link opened and accepted.
        var invite = await adminBrowser.PostAsJsonAsync($"/api/v1/organisations/{org.Id}/invitations", new { email = $"bea-{Guid.NewGuid():N}@example.com", givenName = "Bea", role = "Admin" });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var invitationId = (await invite.JsonAsync()).GetProperty("id").GetGuid();
        var token = await factory.AsAdminAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var to = await db.Invitations.Where(i => i.Id == invitationId).Select(i => i.Email).SingleAsync();
            return JoinLink().Match((await db.OutboxEmails.SingleAsync(e => e.To == to)).Revealed(sp.GetRequiredService<OutboxSecretProtector>())).Groups[1].Value;
        });
        Secret("invitation token", token);
        using (var invitee = Browser())
        {
            var redirect = await invitee.GetAsync($"/join/{token}"); // a link sent before the one invitee page
            var page = await invitee.GetStringAsync(redirect.Headers.Location!.ToString());
            var accepted = await invitee.PostAsync("/invitations/accept/answer", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = token, ["firstName"] = "Bea", ["lastName"] = "Baker", ["__RequestVerificationToken"] = FormToken().Match(page).Groups[1].Value,
            }));
            Assert.EndsWith("?joined=true", accepted.Headers.Location?.ToString());
        }

        // An authorized-signer invitation: created with its key items, a wrong and a right verification, the invitee's page posted.
        Secret("shared secret", "lantern quill orchid");
        Secret("shared secret guessed", "lantern quill orchix");
        var first = $"Log{Guid.NewGuid():N}"[..12];
        var signer = await adminBrowser.PostAsJsonAsync("/api/v1/invitations", new
        {
            type = "AuthorizedSigner", firstName = first, lastName = "Smith", emailAddress = $"{first}@example.com", identification = "8135",
            sharedSecret = "lantern quill orchid", inviterFullName = "Jane Doe", organisationId = org.Id,
        });
        Assert.Equal(HttpStatusCode.Created, signer.StatusCode);
        using (var invitee = Browser())
        {
            var page = await invitee.GetStringAsync("/invitations/accept");
            var wrong = await invitee.PostAsync("/invitations/accept/answer", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["firstName"] = first, ["lastName"] = "Smith", ["identification"] = "8135", ["sharedSecret"] = "lantern quill orchix",
                ["__RequestVerificationToken"] = FormToken().Match(page).Groups[1].Value,
            }));
            Assert.EndsWith("error=nomatch", wrong.Headers.Location?.ToString());
            var right = await invitee.PostAsJsonAsync("/api/v1/invitations/verifications",
                new { firstName = first, lastName = "Smith", identification = "8135", sharedSecret = "lantern quill orchid" });
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        }

        var lines = factory.Logs.Lines.ToList();
        // The capture sees what it must: request lines at Information, and the framework's Trace and Debug chatter.
        Assert.Contains(lines, l => l.StartsWith("Information Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Debug ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Trace ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/join/", StringComparison.Ordinal)); // the link's requests are logged, without their token
        Assert.Contains(lines, l => l.Contains("/invitations/accept/***", StringComparison.Ordinal));
        var leaks = (from secret in _secrets
                     let carrying = lines.Where(l => l.Contains(secret.Value, StringComparison.Ordinal)).ToList()
                     where carrying.Count > 0
                     select $"{secret.What} in {carrying.Count} lines, e.g. {carrying[0]}").ToList();
        Assert.True(leaks.Count == 0, $"Secrets in the log ({lines.Count} lines captured):\n" + string.Join("\n", leaks));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex(@"/invitations/accept/([A-Za-z0-9_-]{43})")]
    private static partial Regex JoinLink();
}
