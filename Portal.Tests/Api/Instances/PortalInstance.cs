using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Instances;

/// <summary>
/// One instance of the app with test settings; the second and later instances share the first's database, as machines
/// behind a load balancer do (each has its own memory: rate limiters, locks, caches).
/// </summary>
public sealed class PortalInstance : PortalApiFactory
{
    private readonly Action<IWebHostBuilder> _configure;

    public PortalInstance(Action<IWebHostBuilder> configure) => _configure = configure;

    private PortalInstance(PortalInstance first, Action<IWebHostBuilder> configure) : base(first) => _configure = configure;

    /// <summary>A second instance on this one's database (this one's host is started first, so its database exists).</summary>
    public PortalInstance Another()
    {
        _ = Services;
        return new PortalInstance(this, _configure);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        _configure(builder);
    }

    /// <summary>A client that keeps no cookies of its own: the test carries them from instance to instance in a <see cref="CookieJar"/>.</summary>
    public HttpClient PlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
}

/// <summary>A browser's cookies, carried by hand so one browser can talk to two instances (a load balancer moving it).</summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = [];

    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var nameValue in setCookies.Select(c => c.Split(';')[0]))
            {
                var at = nameValue.IndexOf('=');
                _cookies[nameValue[..at]] = nameValue[(at + 1)..];
            }
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(HttpClient client, string url) => SendAsync(client, new HttpRequestMessage(HttpMethod.Get, url));

    public Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> form) =>
        SendAsync(client, new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });

    /// <summary>Opens the sign-in page on <paramref name="client"/>'s instance: the antiforgery cookie lands in the jar, the form token is answered.</summary>
    public async Task<string> OpenSignInPageAsync(HttpClient client)
    {
        var page = await (await GetAsync(client, "/account/sign-in")).Content.ReadAsStringAsync();
        return Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    public Task<HttpResponseMessage> SignInAsync(HttpClient client, string token, string email, string password) =>
        PostFormAsync(client, "/account/sign-in/password", new()
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        });
}
