using Microsoft.Extensions.DependencyInjection;

namespace Portal.Domain.Search;

public static class SearchRegistration
{
    /// <summary>The palette itself; each area adds its own sources and actions next to its code.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<PaletteSearch>();
        return services;
    }

    /// <summary>An area's search source (scoped: it reads as the current user).</summary>
    public static IServiceCollection AddSearchSource<T>(this IServiceCollection services) where T : class, ISearchSource =>
        services.AddScoped<ISearchSource, T>();

    /// <summary>An area's palette action.</summary>
    public static IServiceCollection AddPaletteAction(this IServiceCollection services, PaletteAction action) =>
        services.AddSingleton(action);
}
