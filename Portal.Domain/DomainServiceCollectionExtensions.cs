using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Domain.SavedViews;
using Portal.Domain.Store;

namespace Portal.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>Data Protection's application name: instances with the same name and key ring read each other's payloads.</summary>
    public const string DataProtectionApplicationName = "Portal";

    /// <summary>
    /// The store and every domain service. The context factory is scoped so each context it makes carries the
    /// current user's audit interceptor; each operation still gets its own short-lived context.
    /// </summary>
    public static IServiceCollection AddPortalDomain(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<CurrentUserAccessor>();
        services.TryAddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserAccessor>());
        services.TryAddScoped<AuditInterceptor>();
        services.TryAddScoped<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        services.TryAddScoped<ILookupNormalizer, UpperInvariantLookupNormalizer>();
        // Portal's password policy: Identity enforces it at sign-in and the validators show it as field messages.
        services.Configure<IdentityOptions>(o =>
        {
            o.Password.RequiredLength = 12;
            o.Password.RequireDigit = true;
            o.Password.RequireLowercase = true;
            o.Password.RequireUppercase = true;
            o.Password.RequireNonAlphanumeric = false;
            o.Password.RequiredUniqueChars = 5;
        });

        services.AddDbContextFactory<PortalDbContext>((sp, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), SqliteTuning.Instance), ServiceLifetime.Scoped);

        services.AddValidatorsFromAssemblyContaining<PortalDbContext>(ServiceLifetime.Singleton, includeInternalTypes: false);
        services.AddScoped<StaffUserService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<AuditService>();
        services.AddScoped<OutboxService>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<DashboardService>();
        services.AddScoped<OrganisationService>();
        services.AddScoped<OrganisationImportService>();
        services.AddScoped<OrganisationContactService>();
        services.AddScoped<SavedViewService>();
        // Bank details are encrypted with the host's key ring (kept in the database, so every instance can read them).
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<PortalDbContext>();
        services.TryAddSingleton<BankDetailsProtector>();
        services.AddScoped<OrganisationBankDetailsService>();
        services.AddOptions<InvitationOptions>();
        services.AddScoped<OrganisationInvitationService>();
        services.AddScoped<WhiteLabelDomainService>();
        services.AddScoped<OrganisationModuleService>();
        services.AddScoped<DemoData>();
        return services;
    }

    /// <summary>Applies migrations and switches the SQLite file to WAL (readers never wait for the writer).</summary>
    public static async Task MigrateStoreAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", ct);
    }
}
