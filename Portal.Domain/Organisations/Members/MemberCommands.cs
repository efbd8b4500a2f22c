using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public sealed record MemberRow(Guid Id, string Email, string GivenName, string FamilyName, MemberRole Role, DateTimeOffset AddedAt);

public sealed class CreateMember
{
    public string Email { get; set; } = "";
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public MemberRole Role { get; set; } = MemberRole.Member;
}
