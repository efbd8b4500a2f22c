using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddDemoDataSeeder<AdminDemoData>();
        return services;
    }
}
