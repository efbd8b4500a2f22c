namespace Portal.Api;

public static class AdminApi
{
    /// <summary>The Admin area's routes under /api/v1: staff users, API keys and the audit log.</summary>
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder v1) => v1
        .MapStaffUserEndpoints()
        .MapApiKeyEndpoints()
        .MapAuditEndpoints();
}
