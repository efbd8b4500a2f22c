using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Admin;

public static class AdminRegistration
{
    /// <summary>Staff users and API keys: their services, Portal's password policy and their demo data.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
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
        services.AddScoped<StaffUserService>();
        services.AddScoped<ApiKeyService>();
        services.AddSearchSource<StaffUserSearchSource>();
        services.AddSearchSource<ApiKeySearchSource>();
        services.AddPaletteAction(new PaletteAction("Go to Staff users", "Admin: staff users and their roles", "/admin/staff-users", Access.Admin) { Keywords = ["people", "accounts"] });
        services.AddPaletteAction(new PaletteAction("Go to API keys", "Admin: machine clients' keys", "/admin/api-keys", Access.Admin));
        services.AddPaletteAction(new PaletteAction("Go to Audit log", "Admin: who changed what, and security events", "/admin/audit", Access.Admin) { Keywords = ["history"] });
        services.AddDemoDataSeeder<AdminDemoData>();
        return services;
    }
}
