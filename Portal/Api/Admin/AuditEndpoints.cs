using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Audit;
using Portal.Domain.Common;

namespace Portal.Api;

public static class AuditEndpoints
{
    public static readonly ApiTag Tag = new("Audit",
        "Who changed what, and when, in every area (Admin only): one entry per saved change, with the fields that changed, " +
        "and the security events (sign-ins, key use, reveals, …). Secret values show as `***`.");

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/audit").WithTag(Tag).RequireAuthorization(Access.Policies.Admin);
        api.MapGet("/", List).WithName("ListAuditEntries").ProducesDomainProblems(400)
            .WithSummary("Search the audit log")
            .WithDescription("Newest first. Filter by `entityType` and `entityId` (one record), `actor` (contains), `action` (Created, Updated, Deleted, RoleAdded, RoleRemoved, Revealed, or a security event's kind) and the time range `from` (inclusive) to `to` (exclusive); `q` searches the changed values and entity ids. " +
                "`security=true` lists only security events (sign-ins, failed sign-ins, lockouts, sign-outs, an API key's first use each UTC day, keys created or revoked, role changes, users disabled or enabled, passwords set, secrets revealed), each with `securityEvent`, `clientAddress` and `userAgent`; `security=false` only the other changes; " +
                "`kind` one kind (" + string.Join(", ", SecurityEvents.All) + ").");
        return v1;
    }

    public static async Task<Ok<PagedResult<AuditRow>>> List(ListRequest<AuditQuery> list, AuditService audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(list.Query, ct));
}
