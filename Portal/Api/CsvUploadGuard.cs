using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;
using Portal.Auth;

namespace Portal.Api;

/// <summary>
/// An import changes data, and a browser sends Portal's cookie with any cross-site post. Such a post can only carry a
/// form or text/plain without a preflight, so a cookie caller's CSV must come as <c>text/csv</c> (which needs one) or
/// as a form with Portal's antiforgery token. A caller that authenticates by header (API key, bearer token) cannot
/// be forged that way and sends what it likes, as before.
/// </summary>
public static class CsvUploadGuard
{
    public static async Task EnsureNotForgedAsync(HttpRequest request)
    {
        if (request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) || request.Headers.ContainsKey(HeaderNames.Authorization)) return;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)) return;
        if (!request.HasFormContentType)
            throw new BadHttpRequestException("Send the CSV file as the body with Content-Type text/csv, or as a form upload named \"file\".",
                StatusCodes.Status415UnsupportedMediaType);
        if (!await request.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(request.HttpContext))
            throw new BadHttpRequestException("A form upload from the browser needs Portal's antiforgery token.", StatusCodes.Status400BadRequest);
    }
}
