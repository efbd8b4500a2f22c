using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Domain.Admin;

namespace Portal.Auth;

public sealed class CircuitRevalidationOptions
{
    /// <summary>How often an open circuit checks that its user may still act as they did when it opened.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// A circuit captures its user once, from the cookie that opened it; the cookie's own security-stamp check never runs
/// again while the tab stays open. This re-reads the staff user every <see cref="CircuitRevalidationOptions.Interval"/>
/// and signs the circuit out when the user is gone, disabled, has a new security stamp (password reset, sign-out
/// everywhere) or holds other roles than the circuit's principal.
/// </summary>
public sealed class RevalidatingCircuitAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IOptions<CircuitRevalidationOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Entra mode has no local users: its sessions end by the absolute session lifetime instead.
        if (scope.ServiceProvider.GetService<UserManager<StaffUser>>() is not { } users) return true;
        return await IsStillValidAsync(users, state.User);
    }

    private async Task<bool> IsStillValidAsync(UserManager<StaffUser> users, ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return true;
        var staff = await users.GetUserAsync(principal);
        if (staff is null || staff.IsDisabled) return false;
        if (principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(staff))
            return false;
        var held = principal.FindAll(identity.Value.ClaimsIdentity.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return held.SetEquals(await users.GetRolesAsync(staff));
    }
}
