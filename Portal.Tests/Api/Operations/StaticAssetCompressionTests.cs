using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Operations;

/// <summary>
/// The app as `dotnet run` starts it (Development: static assets from the build manifest; no demo data, which is not
/// under test and takes seconds to seed), with the static
/// assets answered as the manifest says. Left to itself, Development replaces that: every Cache-Control becomes no-cache,
/// and the hot-reload path (ASP.NET Core 10.0.12 compares a file's modification time, to the sub-second, with the
/// manifest's whole-second Last-Modified) takes every file as changed since the build and serves each compressed variant
/// as its original file in an uncompressed gzip stream. Either would hide exactly what these tests are about.
/// </summary>
public sealed class DevelopmentAssetsFactory : PortalApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Portal:SeedDemoData", "false");
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        builder.UseSetting("ReloadStaticAssetsAtRuntime", "false");
    }
}

/// <summary>
/// What a page costs on the wire: every stylesheet, script and icon the page references is answered compressed (br or
/// gzip) on the very URL the page uses, fingerprinted and cached for good; the page's HTML is compressed for the app's
/// own navigations and never for a request another site caused (BREACH); the static pages load nothing of MudBlazor.
/// Runs against the real app in Development (static assets from the build manifest, which has gzip; a published build
/// adds br, measured by bench/run.sh page-bytes).
/// </summary>
public sealed partial class StaticAssetCompressionTests(DevelopmentAssetsFactory factory) : IClassFixture<DevelopmentAssetsFactory>
{
    private const string Password = "Correct-Horse-42";
    private static readonly string[] TextTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json", "text/html"];

    [Fact]
    public async Task EveryAssetOfTheShell_IsServedCompressed_OnItsFingerprintedUrl()
    {
        using var client = NewClient();
        await SignInAsync(client);

        var html = await GetPageAsync(client, "/organisations");
        var assets = AssetUrls(html);

        Assert.Contains(assets, a => a.Contains("_content/MudBlazor/MudBlazor.min.") && a.EndsWith(".css"));
        Assert.Contains(assets, a => a.Contains("_content/MudBlazor/MudBlazor.min.") && a.EndsWith(".js"));
        Assert.Contains(assets, a => a.Contains("_framework/blazor.web."));
        await AssertAllCompressedAsync(client, assets);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/invitations/accept/no-such-link")]
    public async Task TheStaticPages_LoadNoMudBlazor_AndTheirAssetsAreServedCompressed(string path)
    {
        using var client = NewClient();

        var html = await GetPageAsync(client, path);
        var assets = AssetUrls(html);

        Assert.NotEmpty(assets);
        Assert.DoesNotContain(assets, a => a.Contains("MudBlazor", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("MudBlazor", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mud-", html);
        await AssertAllCompressedAsync(client, assets);
    }

    [Fact]
    public async Task PageHtml_IsCompressedForTheAppsOwnRequests_ButNotForRequestsFromAnotherSite()
    {
        using var client = NewClient();
        await SignInAsync(client);

        foreach (var site in new[] { "same-origin", "none" })
        {
            using var own = await SendAsync(client, "/organisations", site);
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Contains(own.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
            Assert.Contains("Accept-Encoding", own.Headers.Vary);
        }
        // A page another site makes the browser load (a link, a form, an iframe or image) carries that site's input next
        // to this user's data: compressed, its length would leak the data a guess at a time. Old browsers send no
        // Sec-Fetch-Site: they are not told apart from that, so they get the HTML uncompressed too.
        foreach (var site in new[] { "cross-site", "same-site", null })
        {
            using var foreign = await SendAsync(client, "/organisations", site);
            Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
            Assert.Empty(foreign.Content.Headers.ContentEncoding);
        }
    }

    /// <summary>A client with its own cookies that follows redirects and decompresses nothing.</summary>
    private HttpClient NewClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    private async Task SignInAsync(HttpClient client)
    {
        var email = $"staff-{Guid.NewGuid():N}@test.example";
        await factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().CreateAsync(new CreateStaffUser
        {
            Email = email, DisplayName = "Staff member", Roles = [Roles.Staff], Password = Password,
        }));
        var page = await GetPageAsync(client, "/account/sign-in");
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var response = await client.PostAsync("account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = Password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("/account/sign-in", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    /// <summary>A page as the browser asks for it within the app, read as text (decompressed here if it came compressed).</summary>
    private static async Task<string> GetPageAsync(HttpClient client, string path)
    {
        using var response = await SendAsync(client, path, "same-origin");
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return System.Text.Encoding.UTF8.GetString(Decode(bytes, response.Content.Headers.ContentEncoding.SingleOrDefault()));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        request.Headers.Accept.ParseAdd("text/html");
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return client.SendAsync(request);
    }

    /// <summary>The href of each &lt;link&gt;, the src of each &lt;script&gt;, and the scripts boot.js loads (data-scripts).</summary>
    private static List<string> AssetUrls(string html) =>
        LinkPattern().Matches(html).Select(m => m.Groups[1].Value)
            .Concat(ScriptPattern().Matches(html).Select(m => m.Groups[1].Value))
            .Concat(DataScriptsPattern().Matches(html).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Select(url => WebUtility.HtmlDecode(url))
            .Distinct()
            .ToList();

    private static async Task AssertAllCompressedAsync(HttpClient client, IEnumerable<string> assets)
    {
        var failures = new List<string>();
        foreach (var url in assets)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url.TrimStart('/'));
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
            var cache = response.Headers.CacheControl;
            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{url}: {(int)response.StatusCode}");
            else if (!TextTypes.Contains(type)) failures.Add($"{url}: unexpected type {type}");
            else if (encoding is not ("br" or "gzip")) failures.Add($"{url}: {type}, {body.Length:N0} bytes sent uncompressed");
            else if (Decode(body, encoding).Length is var length && length <= body.Length) failures.Add($"{url}: the {encoding} body ({body.Length:N0} bytes) is not smaller than the file ({length:N0})");
            if (!FingerprintPattern().IsMatch(url)) failures.Add($"{url}: not fingerprinted (use @Assets)");
            if (cache is null || !cache.Extensions.Any(e => e.Name == "immutable") || cache.MaxAge < TimeSpan.FromDays(365))
                failures.Add($"{url}: Cache-Control {cache} (expected max-age=31536000, immutable)");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding switch
        {
            "br" => new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress),
            "gzip" => new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress),
            _ => input,
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<link\\b[^>]*\\bhref=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<script\\b[^>]*\\bsrc=\"([^\"]+)\"")]
    private static partial Regex ScriptPattern();

    [GeneratedRegex("\\bdata-scripts=\"([^\"]+)\"")]
    private static partial Regex DataScriptsPattern();

    /// <summary>name.&lt;10 characters of base-36 fingerprint&gt;.ext, as MapStaticAssets names a fingerprinted file.</summary>
    [GeneratedRegex("\\.[a-z0-9]{10}\\.[a-z]+$")]
    private static partial Regex FingerprintPattern();
}
