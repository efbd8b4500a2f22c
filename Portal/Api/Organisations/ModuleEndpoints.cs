using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>/api/v1/modules (the catalogue) and /api/v1/organisations/{id}/modules (switch on with PUT, off with DELETE; If-Match).</summary>
public static class ModuleEndpoints
{
    public static RouteGroupBuilder MapModuleEndpoints(this RouteGroupBuilder v1)
    {
        // Viewers read, Admin/Staff switch: each changing route names Access.Policies.Write, and OrganisationModuleService checks again.
        v1.MapGet("/modules", Catalogue).WithTag(OrganisationsApi.Tag).RequireAuthorization(Access.Policies.Read)
            .WithName("ListModules").ProducesDomainProblems()
            .WithSummary("List the module catalogue")
            .WithDescription("Every module Portal offers, with its monthly list price in minor units and its currency.");

        var api = v1.MapGroup("/organisations/{id:guid}/modules").WithTag(OrganisationsApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListOrganisationModules").ProducesDomainProblems(404)
            .WithSummary("List an organisation's modules")
            .WithDescription("The catalogue with this organisation's switches (who switched each on, and when) and the monthly total of what is on; the ETag is the organisation's version.");
        api.MapPut("/{moduleId}", SwitchOn).WithName("SwitchOrganisationModuleOn").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Switch a module on")
            .WithDescription("Idempotent; an unknown module id is a 404. Needs the organisation's If-Match.");
        api.MapDelete("/{moduleId}", SwitchOff).WithName("SwitchOrganisationModuleOff").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Switch a module off")
            .WithDescription("Idempotent; an unknown module id is a 404. Needs the organisation's If-Match.");
        return v1;
    }

    /// <summary>Every module Portal offers, with its monthly list price in minor units.</summary>
    public static Ok<IReadOnlyList<ModuleDefinition>> Catalogue(OrganisationModuleService modules) => TypedResults.Ok(modules.Catalogue());

    /// <summary>The catalogue with this organisation's switches; the ETag is the organisation's version.</summary>
    public static async Task<Ok<ModuleList>> List(Guid id, OrganisationModuleService modules, HttpContext http, CancellationToken ct)
    {
        var list = await modules.ListAsync(id, ct);
        return ApiConventions.OkWithETag(http, list, list.Version);
    }

    /// <summary>Switches the module on (idempotent) and answers it; an unknown module id is a 404.</summary>
    public static async Task<Ok<ModuleRow>> SwitchOn(Guid id, string moduleId, OrganisationModuleService modules, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await modules.SwitchOnAsync(id, moduleId, ApiConventions.RequiredVersion(http), ct));

    /// <summary>Switches the module off (idempotent); an unknown module id is a 404.</summary>
    public static async Task<NoContent> SwitchOff(Guid id, string moduleId, OrganisationModuleService modules, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await modules.SwitchOffAsync(id, moduleId, ApiConventions.RequiredVersion(http), ct));
}
