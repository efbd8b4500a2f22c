using Microsoft.AspNetCore.Antiforgery;
using Portal.Api;
using Portal.Domain.Common;
using Portal.Domain.Invitations;

namespace Portal.Features.Invitations;

/// <summary>
/// The invitee's answer to /invitations/accept: a plain form post (no circuit, no sign-in), rate limited per address with
/// the API's verification limit and antiforgery-checked by hand. It goes back to the page with nothing of what was typed in
/// the address: the key items never travel in a URL.
/// </summary>
public static class AcceptInvitationEndpoints
{
    public static IEndpointRouteBuilder MapAcceptInvitationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/invitations/accept/answer", Accept).RequireRateLimiting(InvitationsApi.VerificationRateLimit)
            .DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Accept(HttpContext http, IAntiforgery antiforgery, InvitationService invitations)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : FormCollection.Empty;
        var id = Guid.TryParse(form["invitation"].ToString(), out var parsed) ? parsed : (Guid?)null;
        var page = id is { } i ? $"/invitations/accept?invitation={i}" : "/invitations/accept";
        var and = id is null ? "?" : "&";
        if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.Redirect($"{page}{and}error=expired");
        try
        {
            await invitations.VerifyAsync(new VerifyInvitation
            {
                FirstName = form["firstName"].ToString(), LastName = form["lastName"].ToString(),
                Identification = form["identification"].ToString(), SharedSecret = form["sharedSecret"].ToString(), InvitationId = id,
            });
            return TypedResults.Redirect($"{page}{and}accepted=true");
        }
        catch (DomainValidationException)
        {
            return TypedResults.Redirect($"{page}{and}error=invalid");
        }
        catch (DomainException)
        {
            return TypedResults.Redirect($"{page}{and}error=nomatch");
        }
    }
}
