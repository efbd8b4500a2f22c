using Portal.Domain.Outbox;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Organisations;

/// <summary>A host whose join limit is low enough to reach in a test.</summary>
public sealed class LowJoinLimitApiFactory : PortalApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Invitations:VerificationsPerMinute", "3");
    }
}

/// <summary>The invitee's page for a member link (/invitations/accept/{token}) and its form post: anonymous, antiforgery-checked, one-time, and saying what happened.</summary>
public sealed partial class JoinPageTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task TheInvitee_SeesTheOrganisationAndRole_AcceptsWithTheirName_AndTheLinkIsThenUsedUp()
    {
        var (org, token) = await JoinTestData.InviteAsync(factory);
        using var browser = Browser();

        var page = await browser.GetStringAsync($"/invitations/accept/{token}");
        Assert.Contains($"Join {org.Name}", page);
        Assert.Contains("as a member", page);
        Assert.DoesNotContain("\"type\":\"server\"", page); // static: no circuit (no server component marker)

        var posted = await JoinTestData.PostAsync(browser, token, page, "Beatrice", "Baker");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/invitations/accept/{token}?joined=true", posted.Headers.Location?.ToString());
        Assert.Contains($"Welcome to {org.Name}", await browser.GetStringAsync(posted.Headers.Location!.ToString()));
        var members = await factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().GetAsync(org.Id));
        Assert.Contains(members.Members, m => m.GivenName == "Beatrice" && m.FamilyName == "Baker");

        var again = await browser.GetStringAsync($"/invitations/accept/{token}");
        Assert.Contains("This invitation has already been used", again);
        Assert.DoesNotContain(org.Name, again);
        Assert.DoesNotContain("<form", again);
    }

    [Fact]
    public async Task ALinkSentBeforeTheOnePage_JoinToken_RedirectsToIt_AndStillWorks()
    {
        var (org, token) = await JoinTestData.InviteAsync(factory);
        using var browser = Browser();

        var old = await browser.GetAsync($"/join/{token}");

        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal($"/invitations/accept/{token}", old.Headers.Location?.ToString());
        Assert.Contains($"Join {org.Name}", await browser.GetStringAsync(old.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task AnUnknownLink_ExplainsAndLeaksNothing()
    {
        using var browser = Browser();

        var response = await browser.GetAsync("/invitations/accept/not-a-real-token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("This invitation link is not valid", page);
        Assert.Contains("Ask the person who invited you", page);
        Assert.DoesNotContain("<form", page);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_ChangesNothing()
    {
        var (org, token) = await JoinTestData.InviteAsync(factory);
        using var browser = Browser();

        var posted = await browser.PostAsync("/invitations/accept/answer", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["firstName"] = "Mallory" }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith($"/invitations/accept/{token}?error=expired", posted.Headers.Location?.ToString());
        var details = await factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().GetAsync(org.Id));
        Assert.DoesNotContain(details.Members, m => m.GivenName == "Mallory");
        Assert.Contains("The form had expired", await browser.GetStringAsync(posted.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task AMissingFirstName_ComesBackUnderTheField()
    {
        var (_, token) = await JoinTestData.InviteAsync(factory);
        using var browser = Browser();
        var page = await browser.GetStringAsync($"/invitations/accept/{token}");

        var posted = await JoinTestData.PostAsync(browser, token, page, " ", "Baker");

        Assert.StartsWith($"/invitations/accept/{token}?error=invalid", posted.Headers.Location?.ToString());
        var again = await browser.GetStringAsync(posted.Headers.Location!.ToString());
        Assert.Contains("Enter your first name.", again);
        Assert.Contains("value=\"Baker\"", again);
    }
}

public sealed class JoinRateLimitTests(LowJoinLimitApiFactory factory) : IClassFixture<LowJoinLimitApiFactory>
{
    [Fact]
    public async Task TheJoinPost_IsRateLimited()
    {
        var (_, token) = await JoinTestData.InviteAsync(factory);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync($"/invitations/accept/{token}");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await JoinTestData.PostAsync(browser, token, page, "", "")).StatusCode);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }
}

internal static partial class JoinTestData
{
    /// <summary>Invites someone to a new organisation; returns it and the token from the emailed link.</summary>
    public static async Task<(OrganisationRow Org, string Token)> InviteAsync(PortalApiFactory factory) => await factory.AsAdminAsync(async sp =>
    {
        var org = (await sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = $"Orchard {Guid.NewGuid():N}"[..20], BillingEmail = "accounts@org.example", CountryCode = "GB",
        })).Organisation;
        var email = $"bea-{Guid.NewGuid():N}@example.com";
        await sp.GetRequiredService<OrganisationInvitationService>().InviteAsync(org.Id, new CreateInvitation { Email = email });
        await using var db = await sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var body = (await db.OutboxEmails.SingleAsync(e => e.To == email)).Revealed(sp.GetRequiredService<OutboxSecretProtector>());
        return (org, Link().Match(body).Groups[1].Value);
    });

    public static Task<HttpResponseMessage> PostAsync(HttpClient browser, string token, string page, string givenName, string familyName) =>
        browser.PostAsync("/invitations/accept/answer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["firstName"] = givenName, ["lastName"] = familyName,
            ["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
        }));

    [GeneratedRegex(@"/invitations/accept/([A-Za-z0-9_-]{43})")]
    private static partial Regex Link();
}
