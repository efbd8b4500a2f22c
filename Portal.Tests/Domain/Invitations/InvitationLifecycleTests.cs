using Portal.Domain.Common;
using Portal.Domain.Invitations;
using Portal.Domain.Organisations;

namespace Portal.Tests.Domain.Invitations;

/// <summary>The whole transition table (every kind × state × action), verification matching, the lock, resends and expiry.</summary>
public sealed class InvitationLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ValidFor = TimeSpan.FromDays(30);
    private const string Secret = "obsolete obese octopus";
    private const string Id4 = "4758";
    private const int Iterations = 1_000; // the rule, not the cost, is under test

    internal static InvitationFields Fields(InvitationKind type = InvitationKind.AuthorizedSigner, string first = "José", string last = "García") => new()
    {
        Type = type, FirstName = first, LastName = last, EmailAddress = "jose@example.com", Identification = Id4, SharedSecret = Secret,
        InviterFullName = "Jane Doe", OrganisationId = type == InvitationKind.AuthorizedSigner ? Guid.CreateVersion7() : null,
        AccountUri = type == InvitationKind.Joint ? "https://bank.example/accounts/1" : null,
    };

    private static Invitation New(InvitationKind kind) => kind == InvitationKind.Member
        ? Invitation.CreateMember(Guid.CreateVersion7(), "bea@example.com", "Bea", null, MemberRole.Member, null, "sam", Now, ValidFor).Invitation
        : Invitation.CreateWithKeyItems(Fields(kind), null, "sam", Now, ValidFor, Iterations);

    private static bool VerifyRight(Invitation i, DateTimeOffset at) => i.Verify(InvitationSecrets.NameKey("José", "García"), Id4, Secret, named: true, at);

    /// <summary>An invitation of <paramref name="kind"/> brought into <paramref name="state"/> the way the world would.</summary>
    private static Invitation In(InvitationKind kind, InvitationState state)
    {
        var i = New(kind);
        var at = Now.AddHours(1);
        switch (state)
        {
            case InvitationState.Accepted when kind == InvitationKind.Member: i.Accept(at, Guid.CreateVersion7()); break;
            case InvitationState.Accepted: Assert.True(VerifyRight(i, at)); break;
            case InvitationState.Completed: Assert.True(VerifyRight(i, at)); i.Complete("sam", at, null, null); break;
            case InvitationState.Revoked: i.Revoke("sam", at); break;
            case InvitationState.Expired: Assert.True(i.ExpireIfDue(Now + ValidFor)); break;
        }
        Assert.Equal(state, i.State);
        return i;
    }

    /// <summary>What the spec's table says: the state after the action, or the 409 code.</summary>
    private static (InvitationState? To, string? Code) Expected(InvitationKind kind, InvitationState from, InvitationAction action) => (from, action) switch
    {
        (InvitationState.Sent, InvitationAction.Revoke) => (InvitationState.Revoked, null),
        (InvitationState.Sent, InvitationAction.Resend or InvitationAction.Edit) => (InvitationState.Sent, null),
        (InvitationState.Sent, InvitationAction.Accept) => (InvitationState.Accepted, null),
        (InvitationState.Sent, InvitationAction.Expire) => (InvitationState.Expired, null),
        (InvitationState.Accepted, InvitationAction.Complete) when kind == InvitationKind.Member => (null, "invitation.no_completion"),
        (InvitationState.Accepted, InvitationAction.Complete) => (InvitationState.Completed, null),
        (_, InvitationAction.Complete) when kind == InvitationKind.Member => (null, "invitation.no_completion"),
        (_, InvitationAction.Complete) => (null, "invitation.not_accepted"),
        _ => (null, "invitation.not_sent"),
    };

    public static TheoryData<InvitationKind, InvitationState, InvitationAction> EveryCase()
    {
        var data = new TheoryData<InvitationKind, InvitationState, InvitationAction>();
        foreach (var kind in Enum.GetValues<InvitationKind>())
            foreach (var state in Enum.GetValues<InvitationState>())
                foreach (var action in Enum.GetValues<InvitationAction>())
                    if (!(kind == InvitationKind.Member && state == InvitationState.Completed)) // a member is never completed
                        data.Add(kind, state, action);
        return data;
    }

    [Theory, MemberData(nameof(EveryCase))]
    public void EveryStateTimesEveryAction_FollowsTheSpecsTable(InvitationKind kind, InvitationState from, InvitationAction action)
    {
        var invitation = In(kind, from);
        var at = Now.AddHours(2);
        var (to, code) = Expected(kind, from, action);
        var error = Record.Exception(() =>
        {
            switch (action)
            {
                case InvitationAction.Revoke: invitation.Revoke("sam", at); break;
                case InvitationAction.Resend: invitation.Resend(at, ValidFor, maxResends: 3); break;
                case InvitationAction.Edit: invitation.Edit(new UpdateInvitation { FirstName = "José", LastName = "García", EmailAddress = "jose@example.com", InviterFullName = "Jane" }, at, Iterations); break;
                case InvitationAction.Accept when kind == InvitationKind.Member: invitation.Accept(at, Guid.CreateVersion7()); break;
                case InvitationAction.Accept:
                    // Verification never throws: it accepts, or it does not.
                    if (!VerifyRight(invitation, at)) throw new ConflictException("invitation.not_sent", "not eligible");
                    break;
                case InvitationAction.Complete: invitation.Complete("sam", at, null, null); break;
                case InvitationAction.Expire:
                    if (!invitation.ExpireIfDue(invitation.ExpiresAt)) throw new ConflictException("invitation.not_sent", "not eligible");
                    break;
            }
        });
        Assert.Equal(code, (error as ConflictException)?.Code);
        if (code is null) Assert.Null(error);
        Assert.Equal(to ?? from, invitation.State);
        Assert.Equal(Invitation.Next(kind, from, action), to);
    }

    [Theory]
    [InlineData("José", "García")]
    [InlineData("jose", "garcia")]
    [InlineData("  JOSÉ ", " GARCÍA  ")]
    [InlineData("Jose", "Garci\u0301a")] // the accent as a combining mark
    public void Names_MatchWithoutRegardToCaseAccentsOrSurroundingSpaces(string first, string last)
    {
        var invitation = New(InvitationKind.Joint);

        Assert.True(invitation.Verify(InvitationSecrets.NameKey(first, last), Id4, Secret, named: false, Now));
        Assert.Equal(InvitationState.Accepted, invitation.State);
    }

    [Theory]
    [InlineData("Josef", "García", Id4, Secret)]
    [InlineData("José", "García", "4757", Secret)]
    [InlineData("José", "García", Id4, "obsolete obese octopu")]
    public void AnyWrongItem_IsRefused(string first, string last, string id, string secret)
    {
        var invitation = New(InvitationKind.AuthorizedSigner);

        Assert.False(invitation.Verify(InvitationSecrets.NameKey(first, last), id, secret, named: true, Now));
        Assert.Equal((InvitationState.Sent, 1), (invitation.State, invitation.FailedVerifications));
    }

    [Fact]
    public void AnAttempt_CountsWhenNameAndIdentificationMatch_EvenWithAWrongSecret_AndOnlyThen()
    {
        var invitation = New(InvitationKind.Joint);
        var key = InvitationSecrets.NameKey("José", "García");

        invitation.Verify(key, Id4, "wrong secret", named: false, Now);
        invitation.Verify(key, "0000", "wrong secret", named: false, Now);

        Assert.Equal(1, invitation.VerificationCount);
    }

    [Fact]
    public void FiveFailures_LockIt_EvenAgainstTheRightItems_AndAResendLiftsTheLock()
    {
        var invitation = New(InvitationKind.AuthorizedSigner);
        var key = InvitationSecrets.NameKey("José", "García");
        for (var n = 0; n < Invitation.LockAfterFailures - 1; n++) invitation.Verify(key, Id4, "wrong secret", named: true, Now);
        Assert.False(invitation.IsLocked);
        invitation.Verify(key, Id4, "wrong secret", named: true, Now);
        Assert.True(invitation.IsLocked);

        Assert.False(VerifyRight(invitation, Now));

        invitation.Resend(Now, ValidFor, maxResends: 3);
        Assert.False(invitation.IsLocked);
        Assert.True(VerifyRight(invitation, Now));
    }

    [Fact]
    public void Resend_IsLimited_AndRestartsThePeriod()
    {
        var invitation = New(InvitationKind.Joint);
        for (var n = 1; n <= 2; n++) invitation.Resend(Now.AddDays(n), ValidFor, maxResends: 2);
        Assert.Equal((2, Now.AddDays(2) + ValidFor), (invitation.ResendCount, invitation.ExpiresAt));

        var error = Assert.Throws<ConflictException>(() => invitation.Resend(Now.AddDays(3), ValidFor, maxResends: 2));
        Assert.Equal("invitation.resend_limit", error.Code);
        Assert.Equal(2, invitation.ResendCount);
    }

    [Fact]
    public void Expiry_IsExactlyAtExpiresAt()
    {
        var invitation = New(InvitationKind.Joint);
        var expiresAt = Now + ValidFor;

        Assert.Equal(InvitationState.Sent, invitation.StateAt(expiresAt - TimeSpan.FromTicks(1)));
        Assert.Equal(InvitationState.Expired, invitation.StateAt(expiresAt));
        Assert.False(invitation.ExpireIfDue(expiresAt - TimeSpan.FromTicks(1)));
        Assert.False(VerifyRight(invitation, expiresAt));
        Assert.True(invitation.ExpireIfDue(expiresAt));
    }

    [Fact]
    public void KeyItems_AreSaltedSlowHashes_NeverTheValues()
    {
        var a = New(InvitationKind.Joint);
        var b = New(InvitationKind.Joint);

        Assert.StartsWith("pbkdf2-sha256$1000$", a.SharedSecretHash);
        Assert.NotEqual(a.SharedSecretHash, b.SharedSecretHash); // salted
        Assert.NotEqual(a.IdentificationHash, b.IdentificationHash);
        Assert.DoesNotContain(Secret, a.SharedSecretHash);
        Assert.DoesNotContain(Id4, a.IdentificationHash!.Split('$')[3]);
        Assert.True(InvitationSecrets.Verify(Secret, a.SharedSecretHash));
        Assert.False(InvitationSecrets.Verify(Secret + "x", a.SharedSecretHash));
    }
}
