using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Auth;

/// <summary>The app with a password hasher that counts its verifications, and room for many sign-in posts.</summary>
public sealed class CountingHasherPortalApiFactory : PortalApiFactory
{
    private int _verifications;
    public int Verifications => Volatile.Read(ref _verifications);
    public void ResetCount() => Interlocked.Exchange(ref _verifications, 0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:SignInAttemptsPerMinute", "1000"); // these tests are about accounts, not the per-client limit
        builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<StaffUser>>(sp =>
            new Counting(new PasswordHasher<StaffUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), this)));
    }

    private sealed class Counting(IPasswordHasher<StaffUser> inner, CountingHasherPortalApiFactory owner) : IPasswordHasher<StaffUser>
    {
        public string HashPassword(StaffUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref owner._verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>What a wrong or right password does to an account, one attempt at a time and many at once; and that the answers do not tell who exists.</summary>
public sealed class SignInAttemptTests(CountingHasherPortalApiFactory factory) : IClassFixture<CountingHasherPortalApiFactory>
{
    /// <summary>A browser that has opened the sign-in page: its antiforgery cookie and form token.</summary>
    private async Task<(HttpClient Client, string Token)> BrowserAsync()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/account/sign-in");
        return (client, Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
    }

    private static Task<HttpResponseMessage> PostAsync((HttpClient Client, string Token) browser, string email, string password, string returnUrl = "/") =>
        browser.Client.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = browser.Token, ["returnUrl"] = returnUrl,
        }));

    private Task<(int Failures, DateTimeOffset? LockoutEnd)> CountersAsync(Guid id) => factory.AsAdminAsync(async sp =>
    {
        var user = await sp.GetRequiredService<PortalDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id);
        return (user.AccessFailedCount, user.LockoutEnd);
    });

    [Fact]
    public async Task WrongPasswordsAtOnce_EachCount_AndNoneAnswers500()
    {
        var user = NewStaffUser(null, Roles.Staff);
        var row = await factory.ArrangeStaffUserAsync(user);
        var browser = await BrowserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PostAsync(browser, user.Email, $"Wrong-Password-{i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.All(responses, r => Assert.StartsWith("/account/sign-in?error=invalid", r.Headers.Location?.ToString()));
        Assert.Equal(4, (await CountersAsync(row.Id)).Failures);
    }

    [Fact]
    public async Task FiveWrongPasswordsAtOnce_LockTheAccount()
    {
        var user = NewStaffUser(null, Roles.Staff);
        var row = await factory.ArrangeStaffUserAsync(user);
        var browser = await BrowserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => PostAsync(browser, user.Email, $"Wrong-Password-{i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.True((await CountersAsync(row.Id)).LockoutEnd > DateTimeOffset.UtcNow, "five failures lock the account");
        var right = await PostAsync(browser, user.Email, user.Password);
        Assert.StartsWith("/account/sign-in?error=locked", right.Headers.Location?.ToString());
    }

    private static string? ErrorOf(HttpResponseMessage response) =>
        Regex.Match(response.Headers.Location?.ToString() ?? "", "[?&]error=([^&]+)") is { Success: true } m ? m.Groups[1].Value : null;

    private async Task LockAsync(Guid id) => await factory.AsAdminAsync(sp => sp.GetRequiredService<PortalDbContext>().Users
        .Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15))));

    [Fact]
    public async Task ADisabledAccount_IsNamedOnlyToSomeoneWithItsPassword()
    {
        var user = NewStaffUser(null, Roles.Staff);
        var row = await factory.ArrangeStaffUserAsync(user);
        await factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().SetDisabledAsync(row.Id, true, row.Version));
        var browser = await BrowserAsync();

        Assert.Equal("invalid", ErrorOf(await PostAsync(browser, user.Email, "Wrong-Password-1")));
        Assert.Equal("disabled", ErrorOf(await PostAsync(browser, user.Email, user.Password)));
    }

    [Fact]
    public async Task ALockedAccount_IsNamedOnlyToSomeoneWithItsPassword()
    {
        var user = NewStaffUser(null, Roles.Staff);
        var row = await factory.ArrangeStaffUserAsync(user);
        await LockAsync(row.Id);
        var browser = await BrowserAsync();

        Assert.Equal("invalid", ErrorOf(await PostAsync(browser, user.Email, "Wrong-Password-1")));
        var right = await PostAsync(browser, user.Email, user.Password);
        Assert.Equal("locked", ErrorOf(right));
        Assert.False(right.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("portal.auth=")));
    }

    [Fact]
    public async Task AnUnknownEmail_GetsTheWrongPasswordAnswer_AfterTheSameHashCheck()
    {
        var user = NewStaffUser(null, Roles.Staff);
        await factory.ArrangeStaffUserAsync(user);
        var browser = await BrowserAsync();

        factory.ResetCount();
        var wrongPassword = await PostAsync(browser, user.Email, "Wrong-Password-1");
        var wrongPasswordChecks = factory.Verifications;
        factory.ResetCount();
        var unknownEmail = await PostAsync(browser, $"nobody-{Guid.NewGuid():N}@test.example", "Wrong-Password-1");

        Assert.Equal("invalid", ErrorOf(unknownEmail));
        Assert.Equal(ErrorOf(wrongPassword), ErrorOf(unknownEmail));
        Assert.Equal(1, wrongPasswordChecks);
        Assert.Equal(wrongPasswordChecks, factory.Verifications);
    }

    [Fact]
    public async Task TheRightPassword_SignsIn_AndClearsEarlierFailures()
    {
        var user = NewStaffUser(null, Roles.Staff);
        var row = await factory.ArrangeStaffUserAsync(user);
        var browser = await BrowserAsync();
        await PostAsync(browser, user.Email, "Wrong-Password-1");

        var right = await PostAsync(browser, user.Email, user.Password);

        Assert.Equal("/", right.Headers.Location?.ToString());
        Assert.Contains(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.auth="));
        Assert.Equal(0, (await CountersAsync(row.Id)).Failures);
    }

    [Fact]
    public async Task SignIn_IsRateLimitedPerAccount_FromAnyClient()
    {
        var user = NewStaffUser(null, Roles.Staff);
        await factory.ArrangeStaffUserAsync(user);
        var other = NewStaffUser(null, Roles.Staff);
        await factory.ArrangeStaffUserAsync(other);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 12; i++) statuses.Add((await PostAsync(await BrowserAsync(), user.Email, $"Wrong-Password-{i}")).StatusCode);
        var otherAccount = await PostAsync(await BrowserAsync(), other.Email, other.Password);

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Redirect)); // Auth:SignInAttemptsPerAccountPerMinute
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(10));
        Assert.Equal("/", otherAccount.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task SigningIn_NeverRedirectsOffSite(string returnUrl)
    {
        var user = NewStaffUser(null, Roles.Staff);
        await factory.ArrangeStaffUserAsync(user);
        var browser = await BrowserAsync();

        var response = await PostAsync(browser, user.Email, user.Password, Regex.Unescape(returnUrl));

        Assert.Equal("/", response.Headers.Location?.ToString());
    }
}

/// <summary>Every return URL (password form, sign-in page, Entra challenge) passes this one check.</summary>
public sealed class SafeReturnUrlTests
{
    [Theory]
    [InlineData("/organisations?page=2", "/organisations?page=2")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("/x\u0000y", "/")]
    [InlineData("~/organisations", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("organisations", "/")]
    public void SafeReturnUrl_KeepsOnlyPathsOnThisSite(string? returnUrl, string expected) =>
        Assert.Equal(expected, Portal.Auth.AccountEndpoints.SafeReturnUrl(returnUrl is null ? null : Regex.Unescape(returnUrl)));
}
