using Microsoft.Extensions.DependencyInjection;

namespace Portal.Domain.Audit;

public static class AuditRegistration
{
    /// <summary>The audit log's reader. Its writer, <see cref="AuditInterceptor"/>, is part of the store (every context carries it).</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditService>();
        services.AddScoped<SecurityEventLog>();
        return services;
    }
}
