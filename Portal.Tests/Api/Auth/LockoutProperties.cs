using CsCheck;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Store;

namespace Portal.Tests.Api.Auth;

/// <summary>
/// The lockout a run of wrong and right passwords leads to, for any run (beside <see cref="SignInAttemptTests"/>):
/// the fifth failure since the count was last cleared locks the account for 15 minutes from that failure and starts the
/// count again; a right password clears the count but not a lockout.
/// </summary>
public sealed class LockoutProperties(ClockedPortalApiFactory factory) : IClassFixture<ClockedPortalApiFactory>
{
    private const int MaxFailures = 5;
    private static readonly TimeSpan LockoutFor = TimeSpan.FromMinutes(15);

    private enum Attempt { WrongPassword, RightPassword }

    [Fact]
    public async Task EveryFifthFailureSinceTheCountWasCleared_LocksTheAccountForFifteenMinutes()
    {
        var steps = Gen.Select(Gen.Frequency((4, Gen.Const(Attempt.WrongPassword)), (1, Gen.Const(Attempt.RightPassword))),
            Gen.Int[0, 20 * 60]).Array[1, 14];

        // Whole seconds from here on: the store keeps times to 0.1 ms, and the model compares them exactly.
        factory.Clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - factory.Clock.GetUtcNow().Ticks % TimeSpan.TicksPerSecond));

        await steps.SampleAsync(async run =>
        {
            var row = await factory.ArrangeStaffUserAsync();
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(row.Id.ToString()))!;
            var (count, lockedUntil) = (0, (DateTimeOffset?)null);

            foreach (var (attempt, secondsLater) in run)
            {
                factory.Clock.Advance(TimeSpan.FromSeconds(secondsLater));
                if (attempt == Attempt.WrongPassword)
                {
                    await users.AccessFailedAsync(user);
                    if (++count >= MaxFailures) (count, lockedUntil) = (0, factory.Clock.GetUtcNow() + LockoutFor);
                }
                else
                {
                    await users.ResetAccessFailedCountAsync(user);
                    count = 0;
                }
            }

            var stored = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == row.Id);
            Assert.Equal((count, lockedUntil), (stored.AccessFailedCount, stored.LockoutEnd));
        }, iter: 30, threads: 1); // one app and one clock, so one run at a time
    }
}
