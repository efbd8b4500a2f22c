using Microsoft.AspNetCore.Http.Features;

namespace Portal.Infrastructure;

public static class ApiBodyLimit
{
    /// <summary>JSON API bodies are small; imports (paths ending in /import) keep the server-wide 20 MB.</summary>
    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app, long maxBytes) => app.Use((http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.Value!.EndsWith("/import", StringComparison.Ordinal)
            && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        return next(http);
    });
}
