using System.Net;
using Microsoft.AspNetCore.Hosting;
using Portal.Domain.Common;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Instances;

/// <summary>
/// The sign-in and join limits are counted in the database, so a client spreading its posts over two instances gets no
/// more than the limit: each instance's own memory would let it have the limit on each.
/// </summary>
public sealed class RateLimitAcrossInstancesTests
{
    private static PortalInstance LowLimits() => new(b =>
    {
        b.UseSetting("Auth:SignInAttemptsPerMinute", "4");
        b.UseSetting("Auth:SignInAttemptsPerAccountPerMinute", "3");
        b.UseSetting("Invitations:VerificationsPerMinute", "3");
    });

    /// <summary>The limits count per clock minute: start where a minute has room for the test's few posts.</summary>
    private static async Task InAFreshMinuteAsync()
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 50) await Task.Delay(TimeSpan.FromSeconds(61 - now.Second));
    }

    [Fact]
    public async Task SignInPosts_SpreadOverTwoInstances_AreCountedTogether()
    {
        await using var a = LowLimits();
        await using var b = a.Another();
        var (onA, onB) = (a.PlainClient(), b.PlainClient());
        await InAFreshMinuteAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { onA, onB, onA, onB, onA, onB })
            statuses.Add((await client.PostAsync("/account/sign-in/password", new FormUrlEncodedContent([]))).StatusCode);

        // Four posts pass (each goes back to the form as "expired": no token), the fifth and sixth are refused on either instance.
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task OneAccount_GuessedOnTwoInstances_IsCountedTogether()
    {
        await using var a = LowLimits();
        await using var b = a.Another();
        var person = NewStaffUser(null, Roles.Staff);
        await a.ArrangeStaffUserAsync(person);
        await InAFreshMinuteAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var instance in new[] { a, b, a, b })
        {
            // A new browser each time (the per-client limit is not what is counted here: 4 posts, within it).
            var browser = new CookieJar();
            var client = instance.PlainClient();
            var token = await browser.OpenSignInPageAsync(client);
            statuses.Add((await browser.SignInAsync(client, token, person.Email, "Wrong-Password-1")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task JoinFormPosts_SpreadOverTwoInstances_AreCountedTogether()
    {
        await using var a = LowLimits();
        await using var b = a.Another();
        var (onA, onB) = (a.PlainClient(), b.PlainClient());
        await InAFreshMinuteAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { onA, onB, onA, onB })
            statuses.Add((await client.PostAsync("/invitations/accept/answer", new FormUrlEncodedContent([]))).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..3]);
    }
}
