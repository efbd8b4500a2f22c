using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;

namespace Portal.Tests.Domain.Common;

/// <summary>Every notice is an Email template in its area's folder; the outbox stores what it renders, word for word.</summary>
public sealed class EmailTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheInvitation_NamesTheOrganisationTheRoleTheLinkAndTheExpiry()
    {
        var email = new InvitationEmail("Bea", "Up Marden Farms", MemberRole.Admin, "https://portal.example/join/abc", Now.AddDays(7));

        Assert.Equal("You are invited to join Up Marden Farms", email.Subject);
        Assert.Equal("""
            Hello Bea,

            You have been invited to join Up Marden Farms as an admin.

            Accept the invitation here:
            https://portal.example/join/abc

            The link works once and expires on 30 November 2026 at 09:00 UTC.
            If you were not expecting this invitation, you can ignore this email.

            """, email.Text);
        Assert.StartsWith("Hello there,\n\nYou have been invited to join Up Marden Farms as a member.",
            new InvitationEmail(null, "Up Marden Farms", MemberRole.Member, "l", Now).Text);
    }

    [Fact]
    public void TheActivationEmail_WelcomesOrSaysActiveAgain()
    {
        var welcome = new OrganisationActiveEmail("Olive", "Acme Ltd", Reinstated: false);
        var again = new OrganisationActiveEmail("Olive", "Acme Ltd", Reinstated: true);

        Assert.Equal("Welcome: Acme Ltd is now active", welcome.Subject);
        Assert.Equal("Hello Olive,\n\nAcme Ltd is now active. As its owner you can invite your team and manage its settings.\n", welcome.Text);
        Assert.Equal("Acme Ltd is active again", again.Subject);
        Assert.Equal("Hello Olive,\n\nAcme Ltd is active again. You and your team can carry on where you left off.\n", again.Text);
    }

    [Fact]
    public void TheStaffEmails_SayWhoActed_AndNeverAPassword()
    {
        var access = new StaffAccessEmail("Grace Hopper", "boss@example.com", [Roles.Staff, Roles.Viewer]);
        Assert.Equal("You now have access to Portal", access.Subject);
        Assert.Equal("Hello Grace Hopper,\n\nboss@example.com has given you access to Portal as Staff, Viewer.\n" +
                     "Sign in with this email address and the password your administrator gives you.\n", access.Text);

        var reset = new PasswordResetEmail("Grace Hopper", "boss@example.com");
        Assert.Equal("Your Portal password was reset", reset.Subject);
        Assert.Equal("Hello Grace Hopper,\n\nboss@example.com reset your Portal password. If you did not expect this, tell your administrator.\n", reset.Text);
    }

    [Fact]
    public void ASubject_IsOneLine_WhateverAValueHoldsInIt()
    {
        var email = new InvitationEmail("Bea", "Acme\r\nBcc: everyone@example.com", MemberRole.Member, "l", Now);
        Assert.Equal("You are invited to join Acme Bcc: everyone@example.com", email.Subject);
    }

    [Fact]
    public void TheOutbox_StoresWhatTheTemplateRenders()
    {
        var email = new PasswordResetEmail("Grace Hopper", "boss@example.com");
        var queued = OutboxEmail.Create("grace@example.com", email, Now);
        Assert.Equal(("grace@example.com", email.Subject, email.Text, Now), (queued.To, queued.Subject, queued.TextBody, queued.NextAttemptAt));
    }
}
