using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Auth;
using Portal.Domain.Audit;
using Portal.Domain.Common;

namespace Portal.Api;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.ApiAdmin);
        api.MapGet("/", List).WithName("ListAuditEntries").ProducesDomainProblems(400);
        return app;
    }

    public static async Task<Ok<PagedResult<AuditRow>>> List(ListRequest<AuditQuery> list, AuditService audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(list.Query, ct));
}
