using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Store;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Admin;

/// <summary>A page on another site cannot make a signed-in Admin's browser import a CSV.</summary>
public sealed class CsvImportForgeryTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/staff-users/import";

    private static string TokenIn(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>A browser signed in as an Admin, and the antiforgery token its pages carry.</summary>
    private async Task<(HttpClient Browser, string Token)> SignedInAdminAsync()
    {
        var admin = NewStaffUser(null, Roles.Admin);
        await factory.ArrangeStaffUserAsync(admin);
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await browser.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = admin.Email, ["password"] = admin.Password, ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = TokenIn(await browser.GetStringAsync("/account/sign-in")),
        }));
        Assert.Equal("/", signIn.Headers.Location?.ToString());
        var token = TokenIn(await browser.GetStringAsync("/"));
        Assert.NotEmpty(token);
        return (browser, token);
    }

    private static string Csv(string email) => $"email,displayName,roles\n{email},Forged User,Admin\n";

    private Task<bool> ExistsAsync(string email) => factory.AsAdminAsync(sp =>
        sp.GetRequiredService<PortalDbContext>().Users.AnyAsync(u => u.Email == email));

    private static MultipartFormDataContent Form(string csv, string? token)
    {
        var form = new MultipartFormDataContent { { new StringContent(csv, Encoding.UTF8, "text/csv"), "file", "users.csv" } };
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        return form;
    }

    /// <summary>What a cross-site page can send without a preflight: text/plain, or a body with no Content-Type at all.</summary>
    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task ACookieCaller_PostingAPlainBody_Is415_AndImportsNothing(string? contentType)
    {
        var (browser, _) = await SignedInAdminAsync();
        var email = $"forged-{Guid.NewGuid():N}@test.example";
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(Csv(email)));
        if (contentType is not null) body.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var response = await browser.PostAsync(Url, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.False(await ExistsAsync(email));
    }

    [Fact]
    public async Task ACookieCaller_PostingAFormWithoutTheToken_Is400_AndImportsNothing()
    {
        var (browser, _) = await SignedInAdminAsync();
        var email = $"forged-{Guid.NewGuid():N}@test.example";

        var response = await browser.PostAsync(Url, Form(Csv(email), token: null));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(await ExistsAsync(email));
    }

    [Fact]
    public async Task ACookieCaller_WithTextCsv_OrAFormWithTheToken_Imports()
    {
        var (browser, token) = await SignedInAdminAsync();
        var (asCsv, asForm) = ($"csv-{Guid.NewGuid():N}@test.example", $"form-{Guid.NewGuid():N}@test.example");

        var csv = await browser.PostAsync(Url, new StringContent(Csv(asCsv), Encoding.UTF8, "text/csv"));
        var form = await browser.PostAsync(Url, Form(Csv(asForm), token));

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.True(await ExistsAsync(asCsv));
        Assert.True(await ExistsAsync(asForm));
    }

    [Fact]
    public async Task AnApiKeyCaller_SendsTheFileAsBefore()
    {
        using var machine = await factory.ClientWithRoleAsync(Roles.Staff);
        var template = await (await machine.GetAsync("/api/v1/organisations/import/template")).Content.ReadAsByteArrayAsync();

        var response = await machine.PostAsync("/api/v1/organisations/import?dryRun=true", new ByteArrayContent(template)); // no Content-Type

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnApiKey_MayNotImportStaffUsers_ForAPersonMustGrantAccess()
    {
        using var machine = await factory.ClientWithRoleAsync(Roles.Admin);
        var email = $"key-{Guid.NewGuid():N}@test.example";

        var response = await machine.PostAsync(Url, new StringContent(Csv(email), Encoding.UTF8, "text/csv"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(await ExistsAsync(email));
    }
}
