using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Portal.Auth;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Auth;

public sealed class SecureCookiePortalApiFactory : PortalApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:SecureCookies", "true");
    }
}

/// <summary>Outside Development, the sign-in and antiforgery cookies are never sent over plain http.</summary>
public sealed class SecureCookieTests(SecureCookiePortalApiFactory factory) : IClassFixture<SecureCookiePortalApiFactory>
{
    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public void SecureCookies_AreTheDefault_OutsideDevelopment(string environment, bool secure) =>
        Assert.Equal(secure, PortalAuthentication.SecureCookies(new ConfigurationBuilder().Build(), new HostingEnvironment { EnvironmentName = environment }));

    [Fact]
    public void TheSignInAndAntiforgeryCookies_AreMarkedSecure_WhateverTheRequest()
    {
        var cookies = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var antiforgery = factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;

        Assert.Equal(CookieSecurePolicy.Always, cookies.Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task OverHttps_SigningInWorks_WithSecureCookies()
    {
        var user = NewStaffUser(null, Roles.Staff);
        await factory.ArrangeStaffUserAsync(user);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/account/sign-in");
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery"));
        var token = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in/password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = user.Email, ["password"] = user.Password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);

        Assert.Equal("/", signedIn.Headers.Location?.ToString());
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var auth = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.auth="));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
    }
}
