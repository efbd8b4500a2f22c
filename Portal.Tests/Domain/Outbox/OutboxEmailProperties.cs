using CsCheck;
using Portal.Domain.Common;
using Portal.Domain.Outbox;

namespace Portal.Tests.Domain.Outbox;

/// <summary>An outbox email's retry schedule and status for any run of failures (beside <see cref="OutboxDispatcherTests"/>).</summary>
public sealed class OutboxEmailProperties
{
    private static readonly DateTimeOffset Queued = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static OutboxEmail NewEmail() => new() { To = "grace@example.com", Subject = "s", TextBody = "t", CreatedAt = Queued };

    [Fact]
    public void AfterNFailures_TheNextTryWaits2ToTheNMinusOneMinutes_AtMostAnHour_AndTheEighthGivesUp() =>
        Gen.Select(Gen.Int[1, 12], Gen.Long[0, 120_000].Array[12]).Sample((failures, gapsMs) =>
        {
            var email = NewEmail();
            var now = Queued;
            for (var n = 1; n <= failures && email.Status == OutboxStatus.Pending; n++)
            {
                now += TimeSpan.FromMilliseconds(gapsMs[n - 1]);
                email.MarkFailed("refused", now);
                Assert.Equal(n, email.Attempts);
                Assert.Null(email.LockedUntil);
                if (n >= OutboxEmail.MaxAttempts)
                    Assert.Equal(OutboxStatus.Failed, email.Status);
                else
                {
                    Assert.Equal(OutboxStatus.Pending, email.Status);
                    Assert.Equal(now + TimeSpan.FromMinutes(Math.Min(60, 1 << (n - 1))), email.NextAttemptAt);
                }
            }
            Assert.Equal(Math.Min(failures, OutboxEmail.MaxAttempts), email.Attempts);
        });

    [Fact]
    public void ARetriedFailedEmail_StartsAgainDueNow_AndOnlyAFailedOneCanBeRetried() =>
        Gen.Select(Gen.Int[0, 10], Gen.Bool, Gen.Long[0, 10_000_000]).Sample((failures, sent, laterMs) =>
        {
            var email = NewEmail();
            for (var n = 0; n < failures; n++) email.MarkFailed("refused", Queued);
            if (sent && email.Status == OutboxStatus.Pending) email.MarkSent(Queued);
            var later = Queued + TimeSpan.FromMilliseconds(laterMs);

            if (email.Status == OutboxStatus.Failed)
            {
                email.Retry(later);
                Assert.Equal((OutboxStatus.Pending, 0, later), (email.Status, email.Attempts, email.NextAttemptAt));
            }
            else Assert.Equal("outbox.not_failed", Assert.Throws<ConflictException>(() => email.Retry(later)).Code);
        });
}
