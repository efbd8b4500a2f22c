using System.Diagnostics;

namespace Portal.Infrastructure;

/// <summary>Headers every answer carries: CSP with frame-ancestors, nosniff, referrer policy, and the correlation id.</summary>
public static class SecurityHeaders
{
    public const string CorrelationHeader = "X-Correlation-Id";

    // connect-src 'self' covers the circuit's WebSocket to this same host (CSP Level 3: ws/wss match 'self'); bare
    // ws: wss: would let an injected script talk to any host.
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self' https://login.microsoftonline.com; object-src 'none'";

    // Scalar's reference page boots from an inline script; it gets its own, otherwise equally strict, policy.
    private const string ApiDocsCsp =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UsePortalHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var correlationId = CorrelationId(http);
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api/docs") ? ApiDocsCsp : Csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
            headers[CorrelationHeader] = correlationId;
            return Task.CompletedTask;
        });
        var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Request");
        using (log.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
            await next(http);
    });

    /// <summary>The id a user can quote from an error page; it is the request's trace id, so logs and audit agree.</summary>
    public static string CorrelationId(HttpContext http) => Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
}
