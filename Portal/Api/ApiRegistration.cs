using Microsoft.AspNetCore.Authorization;
using Portal.Auth;
using Portal.Domain.Common;
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
        services.ConfigureHttpJsonOptions(o => StrictJsonReading.Apply(o.SerializerOptions)); // enums by name; no null a field does not admit
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // malformed JSON reaches DomainProblems
        services.AddOpenApi(o => o
            .AddDocumentTransformer<ApiKeySecurityTransformer>()
            .AddDocumentTransformer<ApiTagDescriptionsTransformer>()
            .AddOperationTransformer<ListQueryParametersTransformer>());
        return services;
    }

    /// <summary>
    /// The <c>/api/v1</c> group. Every route under it needs a caller with a Portal role (<see cref="ApiCallerRequired"/>)
    /// and answers 401 and 403 as ProblemDetails; each area names its tag (<see cref="ApiTag"/>) and its own role policy,
    /// and gives each route a name and a summary (OperationsTests checks all four).
    /// </summary>
    public static RouteGroupBuilder MapPortalApi(this IEndpointRouteBuilder app) => app.MapGroup("/api/v1")
        .RequireAuthorization(new ApiCallerRequired())
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);
}

/// <summary>
/// The floor under every /api/v1 route, so a route whose area forgot its policy is closed rather than open. It is
/// its own type so OperationsTests can tell it from the role policy each area must still name.
/// </summary>
public sealed class ApiCallerRequired : IAuthorizeData
{
    public string? Policy { get; set; } = Access.Policies.Any;
    public string? Roles { get; set; }
    public string? AuthenticationSchemes { get; set; }
}
