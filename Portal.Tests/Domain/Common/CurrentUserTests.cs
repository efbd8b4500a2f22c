using System.Security.Claims;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Common;

/// <summary>Who acted is named one way: <see cref="ICurrentUser.ActorName"/>.</summary>
public sealed class CurrentUserTests
{
    [Fact]
    public void TheActorName_IsTheEmail_ForAPersonSignedIn()
    {
        var user = new CurrentUserAccessor { Principal = TestStore.Principal(Guid.CreateVersion7(), Roles.Staff, "sam@portal.example") };
        Assert.Equal("sam@portal.example", user.ActorName);
    }

    [Fact]
    public void TheActorName_IsSystem_OutsideARequest_AndTheInvitee_WhenActingForOne()
    {
        var user = new CurrentUserAccessor();
        Assert.Equal(CurrentUserAccessor.SystemName, user.ActorName);
        using (user.ActingFor("invitation-1", "invitee:bea@example.com"))
            Assert.Equal("invitee:bea@example.com", user.ActorName);
        Assert.Equal(CurrentUserAccessor.SystemName, user.ActorName);
    }

    [Fact]
    public void ALongName_IsCutToTheColumnsThatRecordIt()
    {
        var name = new string('a', AuditEntry.ActorMaxLength + 10);
        var user = new CurrentUserAccessor
        {
            Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test")),
        };
        Assert.Equal(name[..AuditEntry.ActorMaxLength], user.ActorName);
        Assert.Equal(user.ActorName, AuditEntry.For(user, DateTimeOffset.UnixEpoch, "X", "1", AuditActions.Created, new Dictionary<string, object?>()).Actor);
    }
}
