using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Auth;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Auth;

/// <summary>An open Blazor tab loses its access soon after an Admin disables or demotes its user.</summary>
public sealed class CircuitRevalidationTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private static readonly TimeSpan ShortInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>A circuit's provider holding <paramref name="user"/>'s principal as the cookie would have given it.</summary>
    private async Task<RevalidatingCircuitAuthenticationStateProvider> CircuitOfAsync(StaffUserRow user)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByIdAsync(user.Id.ToString()))!);
        var provider = new RevalidatingCircuitAuthenticationStateProvider(NullLoggerFactory.Instance,
            factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Services.GetRequiredService<IOptions<IdentityOptions>>(),
            Options.Create(new CircuitRevalidationOptions { Interval = ShortInterval }));
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return provider;
    }

    private static async Task<ClaimsPrincipal> NextStateAsync(AuthenticationStateProvider provider)
    {
        var changed = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => changed.TrySetResult((await state).User);
        return await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task DisablingAUser_SignsTheirOpenCircuitOut()
    {
        var user = await factory.ArrangeStaffUserAsync(NewStaffUser(null, Roles.Staff));
        using var provider = await CircuitOfAsync(user);
        var next = NextStateAsync(provider);

        await factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().SetDisabledAsync(user.Id, true, user.Version));

        Assert.False((await next).Identity?.IsAuthenticated);
        Assert.False((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task DemotingAUser_SignsTheirOpenCircuitOut()
    {
        var user = await factory.ArrangeStaffUserAsync(NewStaffUser(null, Roles.Admin));
        await factory.ArrangeStaffUserAsync(NewStaffUser(null, Roles.Admin)); // not the last Admin
        using var provider = await CircuitOfAsync(user);
        var next = NextStateAsync(provider);

        await factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().UpdateAsync(user.Id,
            new UpdateStaffUser { DisplayName = user.DisplayName, Roles = [Roles.Viewer], Version = user.Version }));

        var principal = await next;
        Assert.False(principal.Identity?.IsAuthenticated);
        Assert.False(principal.IsInRole(Roles.Admin));
    }

    [Fact]
    public async Task AnUnchangedUser_StaysSignedIn_AcrossManyChecks()
    {
        var user = await factory.ArrangeStaffUserAsync(NewStaffUser(null, Roles.Staff));
        using var provider = await CircuitOfAsync(user);
        var signedOut = false;
        provider.AuthenticationStateChanged += _ => signedOut = true;

        await Task.Delay(ShortInterval * 10);

        Assert.False(signedOut);
        Assert.True((await provider.GetAuthenticationStateAsync()).User.IsInRole(Roles.Staff));
    }

    [Fact]
    public void TheAppsCircuits_RevalidateAtLeastEveryMinute()
    {
        using var scope = factory.Services.CreateScope();
        Assert.IsType<RevalidatingCircuitAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        Assert.True(scope.ServiceProvider.GetRequiredService<IOptions<CircuitRevalidationOptions>>().Value.Interval <= TimeSpan.FromMinutes(1));
    }
}
