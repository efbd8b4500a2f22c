using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Billing;
using Portal.Domain.Common;

namespace Portal.Api;

/// <summary>/api/v1/organisations/{id}/payment-methods: the organisation's billing account (its own ETag, "0" before the first card).</summary>
public static class PaymentMethodEndpoints
{
    public static RouteGroupBuilder MapPaymentMethodEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/organisations/{id:guid}/payment-methods").WithTag(BillingApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListPaymentMethods").ProducesDomainProblems(404)
            .WithSummary("An organisation's cards")
            .WithDescription("Default first; each says whether it has expired or expires before the next renewal. The ETag is the billing account's version (\"0\" before the first card).");
        api.MapPost("/", Attach).WithName("AttachPaymentMethod").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Attach a card")
            .WithDescription("`brand`, `last4` (only the last four digits: a full card number is refused and never stored), `expMonth`, `expYear`, `holderName`, `makeDefault`. An expired card is a 400. The first card is the default. Needs If-Match (\"0\" or * for the first card).");
        api.MapDelete("/{paymentMethodId:guid}", Detach).WithName("DetachPaymentMethod").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Detach a card")
            .WithDescription("The newest other card becomes the default. Needs If-Match.");
        api.MapPost("/{paymentMethodId:guid}/default", SetDefault).WithName("SetDefaultPaymentMethod").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Make a card the default")
            .WithDescription("The card renewals are charged to (a simulation). 409 `payment_method.expired` for an expired card. Needs If-Match.");
        return v1;
    }

    public static async Task<Ok<PaymentMethodList>> List(Guid id, PaymentMethodService methods, HttpContext http, CancellationToken ct)
    {
        var list = await methods.ListAsync(id, ct);
        return ApiConventions.OkWithETag(http, list, list.Version);
    }

    public static async Task<Created<PaymentMethodRow>> Attach(Guid id, PaymentMethodFields body, PaymentMethodService methods, HttpContext http, CancellationToken ct) =>
        ApiConventions.CreatedWithETag(http, $"/api/v1/organisations/{id}/payment-methods", await methods.AttachAsync(id, body, BillingApi.AccountVersion(http), ct));

    public static async Task<NoContent> Detach(Guid id, Guid paymentMethodId, PaymentMethodService methods, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await methods.DetachAsync(id, paymentMethodId, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<PaymentMethodRow>> SetDefault(Guid id, Guid paymentMethodId, PaymentMethodService methods, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await methods.SetDefaultAsync(id, paymentMethodId, ApiConventions.RequiredVersion(http), ct));
}
