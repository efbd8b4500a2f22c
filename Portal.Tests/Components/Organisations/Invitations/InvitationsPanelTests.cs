using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>The Members tab's invitations: invite by email, the pending list, resend and revoke, only for those who may.</summary>
public sealed class InvitationsPanelTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private OrganisationInvitationService Invitations => Services.GetRequiredService<OrganisationInvitationService>();

    private (IRenderedComponent<MudDialogProvider>, IRenderedComponent<OrganisationMembers>) RenderMembers(OrganisationDetails details, bool canWrite)
    {
        var provider = RenderDialogProvider();
        return (provider, Render<OrganisationMembers>(p => p.Add(c => c.Details, details).Add(c => c.CanWrite, canWrite)));
    }

    private static List<string> ButtonTexts(IRenderedComponent<OrganisationMembers> cut) => cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();

    [Fact]
    public async Task Staff_invite_by_email_with_field_messages_and_the_invitation_is_listed_as_pending()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        ActAs(Guid.CreateVersion7(), Roles.Staff, "staff@test.example");
        var (provider, cut) = RenderMembers(await Orgs.GetAsync(org.Id), canWrite: true);
        cut.WaitForAssertion(() => Assert.Contains("No pending invitations. Use", cut.Find("[aria-label='Pending invitations']").TextContent), Wait);

        Button(cut, "Invite by email").Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll(".mud-dialog")), Wait);
        Assert.Contains("works once, for 7 days", provider.Markup);
        InputLabelled(provider, "Email").Input("olive@example.com"); // already the owner
        Button(provider, "Send invitation").Click();
        provider.WaitForAssertion(() => Assert.Contains("already a member", FieldText(InputLabelled(provider, "Email"))), Wait);
        InputLabelled(provider, "Email").Input("bea@");
        provider.WaitForAssertion(() => Assert.Contains("Enter an email address like name@example.com.", FieldText(InputLabelled(provider, "Email"))), Wait);

        InputLabelled(provider, "Email").Input("bea@example.com");
        Button(provider, "Send invitation").Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")), Wait);
        Assert.Single((await Invitations.ListAsync(org.Id, new InvitationQuery())).Items);

        cut.WaitForAssertion(() =>
        {
            var list = cut.Find("[aria-label='Pending invitations']").TextContent;
            Assert.Contains("bea@example.com", list);
            Assert.Contains("staff@test.example", list);
            Assert.Contains("in 7 days", list);
        }, Wait);
        Assert.Contains("Resend", ButtonTexts(cut));
        Assert.Contains("Revoke", ButtonTexts(cut));
    }

    [Fact]
    public async Task Revoking_asks_first_then_takes_the_invitation_off_the_list()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await Invitations.InviteAsync(org.Id, new CreateInvitation { Email = "bea@example.com" });
        var (provider, cut) = RenderMembers(await Orgs.GetAsync(org.Id), canWrite: true);
        cut.WaitForAssertion(() => Assert.Contains("bea@example.com", cut.Find("[aria-label='Pending invitations']").TextContent), Wait);

        Button(cut, "Revoke").Click();
        provider.WaitForAssertion(() => Assert.Contains("Revoke the invitation to bea@example.com?", provider.Markup), Wait);
        Button(provider, "Revoke").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("bea@example.com", cut.Find("[aria-label='Pending invitations']").TextContent), Wait);
        Assert.Equal(InvitationStatus.Revoked, (await Invitations.ListAsync(org.Id, new InvitationQuery())).Items.Single().Status);
    }

    [Fact]
    public async Task A_viewer_sees_pending_invitations_but_nothing_that_changes_them()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await Invitations.InviteAsync(org.Id, new CreateInvitation { Email = "bea@example.com" });
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");

        var (_, cut) = RenderMembers(await Orgs.GetAsync(org.Id), canWrite: false);

        cut.WaitForAssertion(() => Assert.Contains("bea@example.com", cut.Find("[aria-label='Pending invitations']").TextContent), Wait);
        var buttons = ButtonTexts(cut);
        Assert.DoesNotContain("Invite by email", buttons);
        Assert.DoesNotContain("Resend", buttons);
        Assert.DoesNotContain("Revoke", buttons);
    }
}
