using System.Text.Json.Serialization;
using Portal.Infrastructure;

namespace Portal.Api;

/// <summary>The one <c>/api/v1</c>: what every area's endpoints share, set up once; each area adds its routes to the group.</summary>
public static class ApiRegistration
{
    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["correlationId"] = SecurityHeaders.CorrelationId(ctx.HttpContext));
        services.AddExceptionHandler<DomainProblems>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter())); // "Active", not 1
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // malformed JSON reaches DomainProblems
        services.AddOpenApi(o => o
            .AddDocumentTransformer<ApiKeySecurityTransformer>()
            .AddDocumentTransformer<ApiTagDescriptionsTransformer>());
        return services;
    }

    /// <summary>
    /// The <c>/api/v1</c> group. Every route under it answers 401 and 403 as ProblemDetails; each area names its tag
    /// (<see cref="ApiTag"/>) and its role policy, and gives each route a name and a summary (OperationsTests checks all four).
    /// </summary>
    public static RouteGroupBuilder MapPortalApi(this IEndpointRouteBuilder app) => app.MapGroup("/api/v1")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);
}
