using System.Net;
using Portal.Domain.Common;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Instances;

/// <summary>
/// Two instances on one database share the Data Protection key ring (in the database, one application name): a browser
/// moved by the load balancer keeps its antiforgery token and its sign-in.
/// </summary>
public sealed class SignInAcrossInstancesTests
{
    [Fact]
    public async Task AFormFromA_SignsInOnB_AndTheCookieFromB_WorksOnA()
    {
        await using var a = new PortalInstance(_ => { });
        await using var b = a.Another();
        var person = NewStaffUser(null, Roles.Staff);
        await a.ArrangeStaffUserAsync(person);
        var (onA, onB) = (a.PlainClient(), b.PlainClient());
        var browser = new CookieJar();

        var token = await browser.OpenSignInPageAsync(onA);
        var signIn = await browser.SignInAsync(onB, token, person.Email, person.Password!);

        Assert.Equal("/", signIn.Headers.Location?.ToString()); // not ?error=expired: A's antiforgery token is valid on B
        var dashboardOnA = await browser.GetAsync(onA, "/");
        Assert.Equal(HttpStatusCode.OK, dashboardOnA.StatusCode); // not 302 to sign-in: B's cookie is read on A
        var apiOnA = await browser.GetAsync(onA, "/api/v1/organisations");
        Assert.Equal(HttpStatusCode.OK, apiOnA.StatusCode);
    }

    [Fact]
    public async Task WithoutTheCookie_NeitherInstanceLetsTheBrowserIn()
    {
        await using var a = new PortalInstance(_ => { });
        await using var b = a.Another();

        var answers = new[] { await new CookieJar().GetAsync(a.PlainClient(), "/"), await new CookieJar().GetAsync(b.PlainClient(), "/") };

        Assert.All(answers, r => Assert.Contains("/account/sign-in", r.Headers.Location?.OriginalString));
    }
}
