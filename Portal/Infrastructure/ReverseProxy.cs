using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Infrastructure;

/// <summary>
/// Behind a reverse proxy the connection comes from the proxy: without this every caller shares one rate-limit bucket
/// and requests look like plain http (no HSTS). X-Forwarded-For and -Proto are believed only from the proxies listed in
/// <c>ForwardedHeaders:KnownProxies</c>; with none listed they are ignored, so no client can claim another address.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddPortalForwardedHeaders(this IServiceCollection services, IConfiguration config)
    {
        var proxies = config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear(); // not even loopback unless listed
            foreach (var proxy in proxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        return services;
    }

    /// <summary>Only with proxies listed: the middleware trusts every sender when it knows no proxy at all.</summary>
    public static IApplicationBuilder UsePortalForwardedHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0
            ? app.UseForwardedHeaders() : app;
}
