using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary><see cref="Signer"/>: an authorized signer, added by completing an authorized-signer invitation (Invitations).</summary>
public enum MemberRole { Owner, Admin, Member, Signer }

/// <summary>A person of the organisation (not a staff user), with their role in it.</summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class OrganisationMember : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId;
    public const int NameMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    /// <summary>Trimmed and lower-cased, so one person is one member.</summary>
    public required string Email { get; init; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public MemberRole Role { get; set; }
    public DateTimeOffset AddedAt { get; init; }

    public string FullName => $"{GivenName} {FamilyName}".Trim();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
