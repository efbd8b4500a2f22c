namespace Portal.Features.Organisations;

/// <summary>
/// Member links sent before the one invitee page: <c>/join/{token}</c> answers a redirect to
/// <c>/invitations/accept/{token}</c>, so they keep working until they expire.
/// </summary>
public static class JoinOrganisationEndpoints
{
    public static IEndpointRouteBuilder MapJoinOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/join/{token}", (string token, HttpContext http) =>
                TypedResults.Redirect($"/invitations/accept/{Uri.EscapeDataString(token)}{http.Request.QueryString}"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
