using CsCheck;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Invitations;
using Portal.Domain.Organisations;
using Portal.Tests.Components.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>An invitation's status and expiry for any validity, moment and history (beside <see cref="InvitationServiceTests"/>).</summary>
public sealed class InvitationProperties
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Gen<TimeSpan> ValidFor = Gen.OneOf(
        Gen.Long[1, 60_000].Select(ms => TimeSpan.FromMilliseconds(ms)),
        Gen.Int[1, 30].Select(d => TimeSpan.FromDays(d)));
    /// <summary>When it is looked at, from its sending: around its expiry, to the millisecond, and long after.</summary>
    private static readonly Gen<TimeSpan> Elapsed = Gen.OneOf(
        Gen.Long[0, 120_000].Select(ms => TimeSpan.FromMilliseconds(ms)),
        Gen.Int[0, 60].Select(d => TimeSpan.FromDays(d)));

    private enum Then { Nothing, Accepted, Revoked }

    /// <summary>Sent, then perhaps accepted or revoked at some moment (when that was still allowed).</summary>
    private static Invitation InvitationOf(TimeSpan validFor, Then then, TimeSpan thenAt)
    {
        var (invitation, _) = Invitation.CreateMember(Guid.CreateVersion7(), "bea@example.com", "Bea", null, MemberRole.Member,
            null, "sam", Sent, validFor);
        try
        {
            if (then == Then.Accepted) invitation.Accept(Sent + thenAt, Guid.CreateVersion7());
            if (then == Then.Revoked) invitation.Withdraw("sam", Sent + thenAt);
        }
        catch (ConflictException) { } // accepting after expiry is refused; the invitation stays pending
        return invitation;
    }

    private static readonly Gen<Invitation> AnyInvitation =
        Gen.Select(ValidFor, Gen.Enum<Then>(), Elapsed, InvitationOf);

    /// <summary>A validity, and a moment often within a few milliseconds of its end (the boundary is where rules slip).</summary>
    private static readonly Gen<(TimeSpan ValidFor, TimeSpan Elapsed)> AroundExpiry = Gen.Select(ValidFor, Elapsed, Gen.Bool, Gen.Long[-2, 2],
        (validFor, elapsed, nearTheEnd, ms) => (validFor, nearTheEnd ? validFor + TimeSpan.FromMilliseconds(ms) : elapsed));

    /// <summary>The member-facing status at <paramref name="now"/> (MinValue: as stored, before any expiry).</summary>
    private static InvitationStatus StatusAt(Invitation invitation, DateTimeOffset now) =>
        OrganisationInvitationService.StatusOf(invitation.State, invitation.ExpiresAt, now == DateTimeOffset.MinValue ? invitation.CreatedAt : now);

    [Fact]
    public void AnInvitation_ExpiresExactlyAfterItsValidity_UnlessAcceptedOrRevokedFirst() =>
        AroundExpiry.Sample((validFor, elapsed) =>
        {
            var invitation = InvitationOf(validFor, Then.Nothing, TimeSpan.Zero);
            Assert.Equal(Sent + validFor, invitation.ExpiresAt);
            Assert.Equal(elapsed >= validFor ? InvitationStatus.Expired : InvitationStatus.Pending, StatusAt(invitation, Sent + elapsed));
        });

    [Fact]
    public void Accepting_WorksOnlyBeforeTheExpiry() =>
        AroundExpiry.Sample((validFor, acceptedAfter) =>
        {
            var invitation = InvitationOf(validFor, Then.Accepted, acceptedAfter);
            Assert.Equal(acceptedAfter < validFor ? InvitationStatus.Accepted : InvitationStatus.Pending, StatusAt(invitation, DateTimeOffset.MinValue));
        });

    [Fact]
    public void EnsureUsable_RefusesExactlyWhatIsNotPendingNow_WithItsCode() =>
        Gen.Select(AnyInvitation, Elapsed).Sample((invitation, elapsed) =>
        {
            var now = Sent + elapsed;
            var error = Record.Exception(() => OrganisationInvitationService.EnsureUsable(invitation, now));
            var expectedCode = StatusAt(invitation, now) switch
            {
                InvitationStatus.Pending => null,
                InvitationStatus.Accepted => "invitation.already_used",
                InvitationStatus.Revoked => "invitation.revoked",
                _ => "invitation.expired",
            };
            Assert.Equal(expectedCode, (error as ConflictException)?.Code);
            if (expectedCode is not null) Assert.IsType<ConflictException>(error);
        });

    [Fact]
    public void AStatusOnceSettled_NeverChangesWithTime() =>
        Gen.Select(AnyInvitation, Elapsed, Elapsed).Sample((invitation, a, b) =>
        {
            var (earlier, later) = a <= b ? (Sent + a, Sent + b) : (Sent + b, Sent + a);
            if (StatusAt(invitation, earlier) != InvitationStatus.Pending) Assert.Equal(StatusAt(invitation, earlier), StatusAt(invitation, later));
        });

    [Fact]
    public async Task TheListsStatus_AndItsStatusFilter_InSql_AgreeWithEachInvitationsStatus()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Staff, email: "sam@test.example");
        var org = await store.Get<OrganisationService>().CreateAsync("Up Marden Farms");
        var service = store.Get<OrganisationInvitationService>();
        // The store's clock is "now"; the invitations were sent at different moments before it.
        var now = store.Clock.GetUtcNow();

        // Sent "age" ago, often exactly its validity ago: it expires at this very moment.
        var shape = Gen.Select(AroundExpiry, Gen.Enum<Then>(), Elapsed, (v, then, thenAt) => (v.ValidFor, then, thenAt, Age: v.Elapsed < TimeSpan.Zero ? TimeSpan.Zero : v.Elapsed));
        await shape.Array[1, 8].SampleAsync(async shapes =>
        {
            var expected = new Dictionary<Guid, InvitationStatus>();
            await using (var db = await store.DbAsync())
            {
                await db.Invitations.ExecuteDeleteAsync();
                foreach (var (validFor, then, thenAt, age) in shapes)
                {
                    var (invitation, _) = Invitation.CreateMember(org.Id, $"{Guid.NewGuid():N}@example.com", null, null, MemberRole.Member,
                        null, "sam", now - age, validFor);
                    try
                    {
                        if (then == Then.Accepted && thenAt < age) invitation.Accept(now - age + thenAt, Guid.CreateVersion7());
                        if (then == Then.Revoked && thenAt < age) invitation.Withdraw("sam", now - age + thenAt);
                    }
                    catch (ConflictException) { }
                    expected[invitation.Id] = StatusAt(invitation, now);
                    db.Invitations.Add(invitation);
                }
                await db.SaveChangesAsync();
            }
            var all = (await service.ListAsync(org.Id, new InvitationQuery { PageSize = ListQuery.MaxPageSize })).Items;
            Assert.Equal(expected, all.ToDictionary(i => i.Id, i => i.Status));
            foreach (var status in Enum.GetValues<InvitationStatus>())
            {
                var listed = (await service.ListAsync(org.Id, new InvitationQuery { Status = status, PageSize = ListQuery.MaxPageSize })).Items;
                Assert.Equal(expected.Where(e => e.Value == status).Select(e => e.Key).Order(), listed.Select(i => i.Id).Order());
            }
        }, iter: 40, threads: 1); // one store, so one sample at a time
    }
}
