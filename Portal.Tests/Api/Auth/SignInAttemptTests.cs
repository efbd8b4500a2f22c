using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Store;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Auth;

/// <summary>What a wrong or right password does to an account, one attempt at a time and many at once.</summary>
public sealed class SignInAttemptTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    /// <summary>A browser that has opened the sign-in page: its antiforgery cookie and form token.</summary>
    private async Task<(HttpClient Client, string Token)> BrowserAsync()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/account/sign-in");
        return (client, Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
    }

    private static Task<HttpResponseMessage> PostAsync((HttpClient Client, string Token) browser, string email, string password) =>
        browser.Client.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = browser.Token, ["returnUrl"] = "/",
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
}
