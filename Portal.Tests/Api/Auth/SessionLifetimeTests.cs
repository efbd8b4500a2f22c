using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Auth;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Auth;

/// <summary>The app on a fake clock with a two-hour absolute session lifetime.</summary>
public sealed class FakeClockPortalApiFactory : PortalApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:SessionLifetime", "02:00:00");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>A session ends a fixed time after sign-in, however busy it has been (sliding renewals do not extend it).</summary>
public sealed class SessionLifetimeTests(FakeClockPortalApiFactory factory) : IClassFixture<FakeClockPortalApiFactory>
{
    private static string TokenIn(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task ABusySession_EndsAtTheLifetime()
    {
        var user = NewStaffUser(null, Roles.Admin);
        var row = await factory.ArrangeStaffUserAsync(user);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await browser.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = user.Email, ["password"] = user.Password, ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = TokenIn(await browser.GetStringAsync("/account/sign-in")),
        }));
        Assert.Equal("/", signIn.Headers.Location?.ToString());

        for (var minutes = 0; minutes < 115; minutes += 25) // used every 25 minutes: each use may renew the cookie
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/v1/staff-users/{row.Id}")).StatusCode);
            factory.Clock.Advance(TimeSpan.FromMinutes(25));
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(10)); // 2 h 15 min after sign-in

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync($"/api/v1/staff-users/{row.Id}")).StatusCode);
    }

    [Fact]
    public async Task TheEntraCookie_RejectsATicketOlderThanEightHours()
    {
        using var entra = new EntraPortalApiFactory();
        var options = entra.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        await using var scope = entra.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var scheme = new AuthenticationScheme(CookieAuthenticationDefaults.AuthenticationScheme, null, typeof(CookieAuthenticationHandler));

        async Task<bool> AcceptedAsync(TimeSpan age)
        {
            var properties = new AuthenticationProperties();
            properties.Items[SessionLifetime.StartedItem] = (DateTimeOffset.UtcNow - age).ToString("O");
            var ticket = new AuthenticationTicket(TestStore.Principal(Guid.CreateVersion7(), Roles.Staff, "e@test.example"), properties, scheme.Name);
            var context = new CookieValidatePrincipalContext(http, scheme, options, ticket);
            await options.Events.ValidatePrincipal(context);
            return context.Principal is not null;
        }

        Assert.True(await AcceptedAsync(TimeSpan.FromHours(7)));
        Assert.False(await AcceptedAsync(TimeSpan.FromHours(8).Add(TimeSpan.FromMinutes(1))));
    }
}
