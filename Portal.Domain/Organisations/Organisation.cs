using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public enum OrganisationStatus { Pending, Active, Suspended, Archived }

/// <summary>
/// A customer organisation: one model for what the three source APIs call an organisation, in Portal's words.
/// Its lifecycle is <c>Pending → Active ⇄ Suspended → Archived</c>; an archived organisation is read-only.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed partial class Organisation : IVersioned
{
    public const int NameMaxLength = 200;
    public const int CompanyNumberMaxLength = 32;
    public const int EmailMaxLength = 256;
    public const int StatusMessageMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    private string _name = "";
    public required string Name { get => _name; set { _name = value; NameKey = OrganisationDuplicates.NameKey(value); } }
    /// <summary>The name as the duplicate check compares it ("Up-Marden Farms Ltd." is "up marden farms"); kept by <see cref="Name"/>'s setter.</summary>
    [NotAudited] public string NameKey { get; private set; } = "";
    public string? TradingName { get; set; }
    private string _billingEmail = "";
    /// <summary>Where invoices go; not necessarily a person.</summary>
    public required string BillingEmail { get => _billingEmail; set { _billingEmail = value; BillingEmailDomain = OrganisationDuplicates.DomainOf(value); } }
    /// <summary>The billing email's domain, lower case, for the duplicate check; kept by <see cref="BillingEmail"/>'s setter.</summary>
    [NotAudited] public string BillingEmailDomain { get; private set; } = "";
    /// <summary>The company registry number (Companies House, KvK, …).</summary>
    public string? CompanyNumber { get; set; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string CountryCode { get; set; }
    public OrganisationStatus Status { get; private set; } = OrganisationStatus.Pending;
    /// <summary>Why it is suspended or archived, as staff wrote it.</summary>
    public string? StatusMessage { get; private set; }
    /// <summary>Staff have done their due diligence on it.</summary>
    public bool IsVetted { get; set; }
    /// <summary>It trades (buys and sells) rather than only produces.</summary>
    public bool IsMerchant { get; set; }
    /// <summary>The staff user who looks after it.</summary>
    public Guid? AccountManagerId { get; set; }
    /// <summary>The pricing group its prices come from (Pricing assigns it; an enabled group only).</summary>
    public Guid? PricingGroupId { get; set; }
    public Guid? OwnerId { get; private set; }
    public List<OrganisationMember> Members { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ActivatedAt { get; private set; }
    public long Version { get; set; }

    public OrganisationMember? Owner => Members.FirstOrDefault(m => m.Id == OwnerId);

    /// <summary>The lifecycle in one table: which action may move the organisation from which status.</summary>
    private static readonly Dictionary<OrganisationAction, OrganisationStatus[]> LegalFrom = new()
    {
        [OrganisationAction.Activate] = [OrganisationStatus.Pending, OrganisationStatus.Suspended],
        [OrganisationAction.Suspend] = [OrganisationStatus.Active],
        [OrganisationAction.Archive] = [OrganisationStatus.Pending, OrganisationStatus.Active, OrganisationStatus.Suspended],
    };

    public bool Can(OrganisationAction action) => LegalFrom[action].Contains(Status)
        && (action != OrganisationAction.Activate || OwnerId is not null);

    public void Activate(DateTimeOffset now)
    {
        EnsureLegal(OrganisationAction.Activate);
        if (OwnerId is null)
            throw new ConflictException("organisation.no_owner", $"{Name} has no owner yet; add an owner before activating it.");
        Status = OrganisationStatus.Active;
        StatusMessage = null;
        ActivatedAt ??= now;
    }

    public void Suspend(string reason)
    {
        EnsureLegal(OrganisationAction.Suspend);
        Status = OrganisationStatus.Suspended;
        StatusMessage = reason.Trim();
    }

    public void Archive(string reason)
    {
        EnsureLegal(OrganisationAction.Archive);
        Status = OrganisationStatus.Archived;
        StatusMessage = reason.Trim();
    }

    /// <summary>Every change but a lifecycle action goes through here first: an archived organisation is read-only.</summary>
    public void EnsureEditable()
    {
        if (Status == OrganisationStatus.Archived)
            throw new ConflictException("organisation.archived", $"{Name} is archived and can no longer be changed.");
    }

    public OrganisationMember AddMember(string email, string givenName, string familyName, MemberRole role, DateTimeOffset now)
    {
        EnsureEditable();
        var normalized = OrganisationMember.NormalizeEmail(email);
        if (Members.Any(m => m.Email == normalized))
            throw DomainValidationException.For("email", $"{normalized} is already a member of {Name}.");
        var member = new OrganisationMember
        {
            OrganisationId = Id, Email = normalized, GivenName = givenName.Trim(), FamilyName = familyName.Trim(), Role = role, AddedAt = now,
        };
        Members.Add(member);
        return member;
    }

    /// <summary>The owner is always one of the members; the previous owner stays a member, as an admin.</summary>
    public void ChangeOwner(Guid memberId)
    {
        EnsureEditable();
        var member = Members.FirstOrDefault(m => m.Id == memberId)
            ?? throw DomainValidationException.For("memberId", "The new owner must be a member of the organisation.");
        if (Owner is { } previous && previous.Id != memberId) previous.Role = MemberRole.Admin;
        member.Role = MemberRole.Owner;
        OwnerId = member.Id;
    }

    private void EnsureLegal(OrganisationAction action)
    {
        if (LegalFrom[action].Contains(Status)) return;
        var (code, message) = (action, Status) switch
        {
            (_, OrganisationStatus.Archived) => ("organisation.archived", $"{Name} is archived and can no longer be changed."),
            (OrganisationAction.Activate, OrganisationStatus.Active) => ("organisation.already_active", $"{Name} is already active."),
            (OrganisationAction.Suspend, _) => ("organisation.not_active", $"Only an active organisation can be suspended; {Name} is {Status.ToString().ToLowerInvariant()}."),
            _ => ("organisation.illegal_transition", $"{Name} cannot be {action.ToString().ToLowerInvariant()}d while {Status.ToString().ToLowerInvariant()}."),
        };
        throw new ConflictException(code, message);
    }
}

public enum OrganisationAction { Activate, Suspend, Archive }
