using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Outbox;

public static class OutboxRegistration
{
    /// <summary>The outbox and its dispatcher (the host decides whether a background service runs it and how mail is sent).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddScoped<OutboxService>();
        services.AddScoped<OutboxDispatcher>();
        services.TryAddSingleton<OutboxSecretProtector>();
        // Outbox:ClaimDuration when the host has configuration; the default otherwise (tests).
        services.AddOptions<OutboxOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            if (sp.GetService<IConfiguration>() is { } config) o.ClaimDuration = config.GetValue("Outbox:ClaimDuration", o.ClaimDuration);
        });
        services.AddPaletteAction(new PaletteAction("Go to Outbox", "Admin: emails waiting, sent and failed", "/admin/outbox", Access.Admin) { Keywords = ["email", "mail"] });
        services.AddDemoDataSeeder<OutboxDemoData>();
        return services;
    }
}
