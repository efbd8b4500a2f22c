using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Admin;

/// <summary>
/// The app with a gate on the last-Admin check: while armed, the first request to count the other Admins waits (up to a
/// second) for a second request to reach the same check, so two unguarded requests would both pass it before either saves.
/// </summary>
public sealed class AdminCheckGateFactory : PortalApiFactory
{
    public AdminCheckGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<Portal.Domain.Store.PortalDbContext>(o => o.AddInterceptors(Gate)));
    }
}

public sealed class AdminCheckGate : DbCommandInterceptor
{
    private TaskCompletionSource _bothArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;
    public bool Armed { get; set; }

    public void Reset()
    {
        _arrived = 0;
        _bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Armed && command.CommandText.Contains("COUNT(*)") && command.CommandText.Contains("IsDisabled"))
        {
            if (Interlocked.Increment(ref _arrived) >= 2) _bothArrived.TrySetResult();
            await Task.WhenAny(_bothArrived.Task, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken));
        }
        return result;
    }
}

/// <summary>The last-Admin guard holds when two Admins act against each other at the same moment (a real database file or server, two connections).</summary>
public sealed class LastAdminRaceTests : IDisposable
{
    private readonly AdminCheckGateFactory factory = new(); // its own store: the Admins counted are this test's only

    private async Task<Exception?[]> RaceAsync(params Func<Task<Exception?>>[] requests)
    {
        factory.Gate.Reset();
        factory.Gate.Armed = true;
        try { return await Task.WhenAll(requests.Select(r => Task.Run(r))); }
        finally { factory.Gate.Armed = false; }
    }

    public void Dispose() => factory.Dispose();

    private async Task<Exception?> AsAsync(StaffUserRow actor, Func<StaffUserService, Task> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal = TestStore.Principal(actor.Id, Roles.Admin, actor.Email);
        try
        {
            await work(scope.ServiceProvider.GetRequiredService<StaffUserService>());
            return null;
        }
        catch (Exception ex) { return ex; }
    }

    private Task<int> ActiveAdminsAsync() => factory.AsAdminAsync(async sp =>
        (await sp.GetRequiredService<StaffUserService>().ListAsync(new StaffUserQuery { Role = Roles.Admin, PageSize = 200 }))
            .Items.Count(u => !u.IsDisabled));

    [Fact]
    public async Task TwoAdminsDemotingEachOtherAtOnce_LeaveOneAdmin()
    {
        var survivor = await factory.ArrangeStaffUserAsync(NewStaffUser("First Admin", Roles.Admin));
        for (var round = 0; round < 3; round++)
        {
            var other = await factory.ArrangeStaffUserAsync(NewStaffUser("Other Admin", Roles.Admin));
            var errors = await RaceAsync(
                () => AsAsync(survivor, s => s.UpdateAsync(other.Id, new UpdateStaffUser { DisplayName = other.DisplayName, Roles = [Roles.Viewer], Version = other.Version })),
                () => AsAsync(other, s => s.UpdateAsync(survivor.Id, new UpdateStaffUser { DisplayName = survivor.DisplayName, Roles = [Roles.Viewer], Version = survivor.Version })));

            Assert.Equal(1, await ActiveAdminsAsync());
            var refused = Assert.Single(errors, e => e is not null);
            Assert.Equal("staff_user.last_admin", Assert.IsType<ConflictException>(refused).Code);
            if (errors[0] is not null) survivor = other; // the other one won this round and is the Admin now
            survivor = await factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().GetAsync(survivor.Id));
        }
    }

    [Fact]
    public async Task TwoAdminsDisablingEachOtherAtOnce_LeaveOneAdmin()
    {
        var first = await factory.ArrangeStaffUserAsync(NewStaffUser("Pair A", Roles.Admin));
        var second = await factory.ArrangeStaffUserAsync(NewStaffUser("Pair B", Roles.Admin));

        var errors = await RaceAsync(
            () => AsAsync(first, s => s.SetDisabledAsync(second.Id, true, second.Version)),
            () => AsAsync(second, s => s.SetDisabledAsync(first.Id, true, first.Version)));

        Assert.Equal(1, await ActiveAdminsAsync());
        Assert.Equal("staff_user.last_admin", Assert.IsType<ConflictException>(Assert.Single(errors, e => e is not null)).Code);
    }
}
