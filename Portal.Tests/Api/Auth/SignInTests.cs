using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Auth;

/// <summary>A host that keeps every log line it writes, with a low sign-in rate so the limit is reachable in a test.</summary>
public sealed class LoggedPortalApiFactory : PortalApiFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:SignInAttemptsPerMinute", "6");
        builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(Lines)).SetMinimumLevel(LogLevel.Debug));
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Collecting(category, lines);
        public void Dispose() { }

        private sealed class Collecting(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => true;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}

/// <summary>The sign-in form post: rate limited, antiforgery-checked, and nothing secret reaches the logs.</summary>
public sealed class SignInTests(LoggedPortalApiFactory factory) : IClassFixture<LoggedPortalApiFactory>
{
    private async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/sign-in");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }));
    }

    [Fact]
    public async Task SignIn_WithTheRightPassword_RedirectsHome_AndSetsTheCookie()
    {
        var user = NewStaffUser(null, Roles.Staff);
        await factory.ArrangeStaffUserAsync(user);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var response = await PostSignInAsync(client, user.Email, user.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.auth="));
    }

    [Fact]
    public async Task EntraSignIn_WithLocalAccounts_SendsToTheSignInForm_KeepingTheReturnUrl()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/sign-in/entra?returnUrl=%2Forganisations");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?returnUrl=%2Forganisations", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRefused_WithAMessage()
    {
        var user = NewStaffUser(null, Roles.Staff);
        await factory.ArrangeStaffUserAsync(user);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostAsync("/account/sign-in/password",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = user.Email, ["password"] = user.Password }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in?error=expired", response.Headers.Location?.ToString());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("portal.auth=")));
    }

    [Fact]
    public async Task NoPasswordOrApiKey_EverReachesTheLogs()
    {
        var user = NewStaffUser(null, Roles.Admin);
        user.Password = "Secret-Horse-Battery-42";
        await factory.ArrangeStaffUserAsync(user);
        var key = await factory.ArrangeApiKeyAsync(Roles.Admin);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await PostSignInAsync(browser, user.Email, "Wrong-Password-99");
        await PostSignInAsync(browser, user.Email, user.Password);
        using var machine = factory.CreateClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);
        await machine.GetAsync("/api/v1/staff-users");
        machine.DefaultRequestHeaders.Remove("X-Api-Key");
        machine.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext[..^4] + "AAAA"); // a refused key is logged about, never logged
        await machine.GetAsync("/api/v1/staff-users");

        var log = string.Join("\n", factory.Lines);
        Assert.NotEmpty(factory.Lines);
        Assert.DoesNotContain(user.Password, log);
        Assert.DoesNotContain("Wrong-Password-99", log);
        Assert.DoesNotContain(key.Plaintext[12..], log);
    }

    [Fact]
    public async Task SignIn_IsRateLimitedPerClient()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            statuses.Add((await client.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>()))).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.IndexOf(HttpStatusCode.TooManyRequests) <= 6, string.Join(", ", statuses));
    }
}
