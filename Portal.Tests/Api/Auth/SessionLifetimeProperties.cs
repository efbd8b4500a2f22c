using CsCheck;
using Portal.Auth;

namespace Portal.Tests.Api.Auth;

/// <summary>The absolute session limit for any start, limit and moment (beside <see cref="SessionLifetimeTests"/>, which run it in the host).</summary>
public sealed class SessionLifetimeProperties
{
    private static readonly Gen<DateTimeOffset> Start = Gen.Select(
        Gen.Long[DateTimeOffset.UnixEpoch.Ticks, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).Ticks],
        Gen.Int[-14 * 60, 14 * 60], // any offset the cookie's writer may have had, in minutes
        (ticks, offset) => new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offset)));
    private static readonly Gen<TimeSpan> Limit = Gen.OneOf(
        Gen.Const(SessionLifetime.Default),
        Gen.Long[1, TimeSpan.FromDays(30).Ticks].Select(t => TimeSpan.FromTicks(t)));

    [Fact]
    public void ASession_IsOverExactlyWhenItHasLastedTheLimit_HoweverRecentlyItWasUsed() =>
        Gen.Select(Start, Limit, Gen.OneOf(Gen.Long[-1000, 1000], Gen.Long[-1, 1])).Sample((start, limit, ticksFromLimit) =>
        {
            var now = start + limit + TimeSpan.FromTicks(ticksFromLimit);
            Assert.Equal(ticksFromLimit >= 0, SessionLifetime.IsOver(SessionLifetime.Stamp(start), now, limit));
        });

    [Fact]
    public void ASessionWithinItsLimit_IsNotOver() =>
        Gen.Select(Start, Limit, Gen.Double[0, 1]).Sample((start, limit, fraction) =>
        {
            var now = start + TimeSpan.FromTicks((long)((limit.Ticks - 1) * fraction));
            Assert.False(SessionLifetime.IsOver(SessionLifetime.Stamp(start), now, limit));
        });

    [Fact]
    public void TheStamp_ReadsBackAsTheSameInstant_ToTheTick() =>
        Start.Sample(start =>
        {
            Assert.True(DateTimeOffset.TryParse(SessionLifetime.Stamp(start), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind, out var read));
            Assert.Equal(start.UtcTicks, read.UtcTicks);
        });

    [Fact]
    public void AMissingOrUnreadableStamp_EndsTheSession() =>
        Gen.Select(Gen.String.Where(s => !DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out _)).Null(), Start, Limit).Sample((stamp, now, limit) =>
            Assert.True(SessionLifetime.IsOver(stamp, now, limit)));
}
