using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Portal.Infrastructure;

/// <summary>
/// Pages (text/html) compressed with br or gzip, but only for requests the app itself or the user made, so that
/// compression cannot be turned against the page's secrets (BREACH).
/// </summary>
/// <remarks>
/// BREACH needs a page that carries a secret and input the attacker chose, fetched many times by the victim's browser
/// with the attacker's guesses while the attacker watches the lengths on the wire. The attacker can only make those
/// requests from their own site, and browsers say so: such a request (a link, a form, an iframe, an image or a script
/// on another site, or a redirect through one) carries <c>Sec-Fetch-Site: cross-site</c> or <c>same-site</c>, which
/// page script cannot change. So a page is compressed only when the request says <c>same-origin</c> (Portal's own links,
/// enhanced navigation, the redirect after sign-in) or <c>none</c> (typed, bookmarked or opened in a new tab); anything
/// else, and a browser too old to send the header, gets it uncompressed. Independently of that, the secrets in Portal's
/// HTML (antiforgery request tokens, Blazor's component descriptors and persisted state) are Data Protection payloads
/// with a fresh random IV each response, so they are never the same bytes twice. Static assets are precompressed at
/// build time (MapStaticAssets) and carry no secret; JSON (the API) is left alone.
/// </remarks>
public static class HtmlCompression
{
    public static IServiceCollection AddHtmlCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Off by default because of BREACH; UseHtmlCompression's condition is what makes it safe here.
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // br quality 4 / gzip level 6: about a millisecond for the 100-150 KB of a list page, a fifth of its size.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static IApplicationBuilder UseHtmlCompression(this IApplicationBuilder app) =>
        app.UseWhen(IsOwnPageRequest, pages => pages.UseResponseCompression());

    /// <summary>A GET of a page (not the API) that the app or the user made, never one another site caused.</summary>
    public static bool IsOwnPageRequest(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) &&
        !http.Request.Path.StartsWithSegments("/api") &&
        http.Request.Headers["Sec-Fetch-Site"].ToString() is "same-origin" or "none";
}
