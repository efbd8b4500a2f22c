using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Logistics;

namespace Portal.Api;

public static class HandlingListEndpoints
{
    public static RouteGroupBuilder MapHandlingListEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/handling-lists").WithTag(LogisticsApi.Tag).RequireAuthorization(Access.Policies.LogisticsRead);
        api.MapGet("/", List).WithName("ListHandlingLists").ProducesDomainProblems(400)
            .WithSummary("List handling lists")
            .WithDescription("Filter by `state`, `locationId`, `pickerId`, `dueBefore`, and `mine=true` for the caller's queue (assigned to them or to nobody, and pickable now); `q` finds a number or a picker; `sort` by dueAt (default), number, createdAt or state.");
        api.MapPost("/", Create).WithName("CreateHandlingList").ProducesDomainProblems(400, 409).RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Make a handling list")
            .WithDescription("Either `shipments` (`[{ id, label? }]`; labels A, B, C… are given to the rest, unique on the list) or a `rule` (`{ locationId, dueBy?, max, methodId? }`: open outbound shipments at the location shipping by `dueBy`, oldest first, at most `max`); optional `dueAt` and `pickerId`. Every shipment must be open at one enabled location: 409 `shipment.already_listed` (a shipment is on one list at a time), `shipment.canceled`, `shipment.not_open`, `handling_list.empty` (a rule that matches nothing).");
        api.MapGet("/{id:guid}", Get).WithName("GetHandlingList").ProducesDomainProblems(404)
            .WithSummary("Get a handling list")
            .WithDescription("The list with its shipments and tote labels, its pick lines in walk order, the actions allowed now and its latest picks. The ETag is its version (it moves with staff changes and state changes, not with every pick).");
        api.MapGet("/{id:guid}/items", Lines).WithName("ListHandlingListItems").ProducesDomainProblems(404)
            .WithSummary("The list's pick lines")
            .WithDescription("The units of one SKU at one position per line, ordered by the positions' walk order (`rank`), with how many are picked and missing, split by tote.");
        api.MapPut("/{id:guid}/items", Pick).WithName("RecordHandlingListPick").ProducesDomainProblems(400, 404, 409).RequireAuthorization(Access.Policies.LogisticsHandle)
            .WithSummary("Record a pick (or units not found)")
            .WithDescription("`key` (the client's idempotency key, the same on every retry), `sku`, `quantity`, optional `position` (the line; default: the SKU's first line in walk order with units left), `usedPosition` (an override, which must be a position of the location), `label` (one tote), `lotNumber`, `expiresAt`; `missing: true` with a `reason` marks them not found instead. A retry with the same key answers the first answer (`replayed: true`) and records nothing; the same key for a different pick is 409 `handling_list.key_reused`. 409 `handling_list.sku_not_on_list` (the message names what is expected), `handling_list.wrong_position`, `handling_list.quantity_above_left`, `handling_list.nothing_left`, `handling_list.finished`, `handling_list.cancelled`, `handling_list.on_hold`. No If-Match: pickers on one list never make each other stale.");
        api.MapPost("/{id:guid}/items/{key}/undo", Undo).WithName("UndoHandlingListPick").ProducesDomainProblems(404, 409).RequireAuthorization(Access.Policies.LogisticsHandle)
            .WithSummary("Undo a pick")
            .WithDescription("The units of the pick made with `key` go back to be picked; undoing again answers the same. 409 `handling_list.pick_boxed` once they are packed.");
        api.MapPut("/{id:guid}/state", ChangeState).WithName("ChangeHandlingListState").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.LogisticsWork)
            .WithSummary("Assign, take, hold, release, finish or cancel a list")
            .WithDescription("`action`: Assign (`pickerId`, Staff), Take (the caller, Warehouse; 409 `handling_list.assigned_to_other` unless Admin), Unassign (Staff), Hold (`reason`) and Release (either), Finish (Warehouse; 409 `handling_list.units_left` while units wait), Cancel (Staff, optional `reason`; its units go back to unlisted, 409 `handling_list.units_boxed` once any is packed). Finished and cancelled lists refuse everything (409 `handling_list.finished`, `handling_list.cancelled`). Needs If-Match.");
        return v1;
    }

    public static async Task<Ok<PagedResult<HandlingListRow>>> List(ListRequest<HandlingListQuery> list, HandlingListService lists, CancellationToken ct) =>
        TypedResults.Ok(await lists.ListAsync(list.Query, ct));

    public static async Task<Created<HandlingListDetails>> Create(CreateHandlingList body, HandlingListService lists, HttpContext http, CancellationToken ct)
    {
        var created = await lists.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/handling-lists/{created.List.Id}", created, created.List.Version);
    }

    public static async Task<Ok<HandlingListDetails>> Get(Guid id, HandlingListService lists, HttpContext http, CancellationToken ct)
    {
        var list = await lists.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, list, list.List.Version);
    }

    public static async Task<Ok<IReadOnlyList<PickLine>>> Lines(Guid id, HandlingListService lists, CancellationToken ct) =>
        TypedResults.Ok(await lists.LinesAsync(id, ct));

    public static async Task<Ok<PickResult>> Pick(Guid id, RecordPick body, PickService picks, CancellationToken ct) =>
        TypedResults.Ok(await picks.RecordAsync(id, body, ct));

    public static async Task<Ok<PickResult>> Undo(Guid id, string key, PickService picks, CancellationToken ct) =>
        TypedResults.Ok(await picks.UndoAsync(id, key, ct));

    public static async Task<Ok<HandlingListDetails>> ChangeState(Guid id, ChangeHandlingListState body, HandlingListService lists, HttpContext http, CancellationToken ct)
    {
        var list = await lists.ChangeStateAsync(id, body, ApiConventions.RequiredVersion(http, body.Version), ct);
        return ApiConventions.OkWithETag(http, list, list.List.Version);
    }
}
