using Microsoft.AspNetCore.Authorization;

namespace Portal.Auth;

/// <summary>
/// A route only a person may call (a signed-in staff user or an Entra user), never a machine holding an API key:
/// creating API keys and staff users grants access, so a leaked key must not mint more (the services check it too,
/// <c>RequireAPerson</c>). On the endpoint it makes the route's metadata say so, which the OpenAPI 403 and the
/// authorisation matrix read.
/// </summary>
public sealed class SignedInPersonRequired : AuthorizationHandler<SignedInPersonRequired>, IAuthorizationRequirement, IAuthorizationRequirementData
{
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [this];

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignedInPersonRequired requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && !user.Identities.Any(i => i.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class SignedInPersonEndpoints
{
    /// <summary>Only a person may call this route (<see cref="SignedInPersonRequired"/>); an API key gets 403.</summary>
    public static TBuilder RequireSignedInPerson<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SignedInPersonRequired());
}
