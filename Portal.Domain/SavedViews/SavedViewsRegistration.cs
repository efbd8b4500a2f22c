using Microsoft.Extensions.DependencyInjection;

namespace Portal.Domain.SavedViews;

public static class SavedViewsRegistration
{
    /// <summary>People's named views of a list.</summary>
    public static IServiceCollection AddSavedViews(this IServiceCollection services)
    {
        services.AddScoped<SavedViewService>();
        return services;
    }
}
