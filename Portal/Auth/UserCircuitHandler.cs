using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Portal.Domain.Common;

namespace Portal.Auth;

/// <summary>
/// Gives a Blazor circuit's services the signed-in user. A circuit has no HttpContext, so the user comes from
/// the authentication state and follows it when it changes (e.g. roles revalidated).
/// </summary>
public sealed class UserCircuitHandler(AuthenticationStateProvider authentication, CurrentUserAccessor currentUser, IHttpContextAccessor http)
    : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        return base.OnCircuitOpenedAsync(circuit, cancellationToken);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        currentUser.Principal = (await authentication.GetAuthenticationStateAsync()).User;
        // The circuit's connection (its hub request) is where a reveal in this tab comes from.
        if (http.HttpContext is { } connection) currentUser.Origin = PortalAuthentication.OriginOf(connection);
    }

    private void OnAuthenticationChanged(Task<AuthenticationState> state) =>
        _ = state.ContinueWith(t => { if (t.IsCompletedSuccessfully) currentUser.Principal = t.Result.User; }, TaskScheduler.Default);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
}
