using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Audit;
using Portal.Domain.Common;

namespace Portal.Api;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Access.Policies.Admin);
        api.MapGet("/", List).WithName("ListAuditEntries").ProducesDomainProblems(400);
        return app;
    }

    public static async Task<Ok<PagedResult<AuditRow>>> List(
        [AsParameters] ListParameters list, string? entityType, string? entityId, string? actor, string? action,
        DateTimeOffset? from, DateTimeOffset? to, AuditService audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(list.ToQuery(new AuditQuery
        {
            EntityType = entityType, EntityId = entityId, Actor = actor, Action = action, From = from, To = to,
        }), ct));
}
