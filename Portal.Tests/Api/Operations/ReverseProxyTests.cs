using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Operations;

/// <summary>Every request arrives from 10.0.0.5, as from a proxy in front of Portal; the sign-in limit is 3 a minute.</summary>
public sealed class BehindAProxyFactory : PortalApiFactory
{
    public string? KnownProxy { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:SignInAttemptsPerMinute", "3");
        if (KnownProxy is not null) builder.UseSetting("ForwardedHeaders:KnownProxies:0", KnownProxy);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, FromProxy>());
    }

    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public sealed class ReverseProxyTests
{
    private static async Task<List<HttpStatusCode>> SignInPostsAsync(HttpClient client, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in/password") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task BehindAKnownProxy_EachClientHasItsOwnSignInLimit()
    {
        using var factory = new BehindAProxyFactory { KnownProxy = "10.0.0.5" };
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var first = await SignInPostsAsync(client, "203.0.113.1", 4);
        var second = await SignInPostsAsync(client, "203.0.113.2", 1);

        Assert.Equal(HttpStatusCode.TooManyRequests, first[^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second[0]);
    }

    [Fact]
    public async Task FromAnUnlistedAddress_XForwardedForIsIgnored()
    {
        using var factory = new BehindAProxyFactory(); // no known proxies: nobody may claim another address
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var first = await SignInPostsAsync(client, "203.0.113.1", 3);
        var claimingAnother = await SignInPostsAsync(client, "203.0.113.2", 1);

        Assert.True(HttpStatusCode.TooManyRequests == claimingAnother[0], string.Join(",", first.Concat(claimingAnother)));
    }
}
