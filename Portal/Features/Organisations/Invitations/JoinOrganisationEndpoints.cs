using Microsoft.AspNetCore.Antiforgery;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Infrastructure;

namespace Portal.Features.Organisations;

/// <summary>
/// The invitee's answer to /join/{token}: a plain form post (no circuit, no sign-in), rate limited per address and
/// antiforgery-checked by hand, that goes back to the join page saying what happened.
/// </summary>
public static class JoinOrganisationEndpoints
{
    public const string RateLimit = "join-organisation";

    /// <summary>Join-form posts allowed per client IP per minute: <c>Invitations:JoinAttemptsPerMinute</c>, 10 by default.</summary>
    public static IServiceCollection AddJoinOrganisationRateLimit(this IServiceCollection services) =>
        services.AddPerClientRateLimit(RateLimit, "Invitations:JoinAttemptsPerMinute", 10);

    public static IEndpointRouteBuilder MapJoinOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/join/{token}/accept", Accept).RequireRateLimiting(RateLimit).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Accept(string token, HttpContext http, IAntiforgery antiforgery, OrganisationInvitationService invitations)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : FormCollection.Empty;
        var command = new AcceptInvitation { GivenName = form["givenName"].ToString(), FamilyName = form["familyName"].ToString() };
        var page = $"/join/{Uri.EscapeDataString(token)}";
        if (!await antiforgery.IsRequestValidAsync(http)) return Back(page, "expired", command);
        try
        {
            await invitations.AcceptAsync(token, command);
            return TypedResults.Redirect($"{page}?joined=true");
        }
        catch (DomainValidationException)
        {
            return Back(page, "invalid", command); // the page runs the same validator and shows the messages under the fields
        }
        catch (DomainException)
        {
            return TypedResults.Redirect(page); // used, withdrawn, expired or unknown meanwhile: the page says which
        }
    }

    private static IResult Back(string page, string error, AcceptInvitation command) => TypedResults.Redirect(
        $"{page}?error={error}&givenName={Uri.EscapeDataString(command.GivenName.Trim())}&familyName={Uri.EscapeDataString(command.FamilyName?.Trim() ?? "")}");
}
