using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>The organisations list's filter, one record for the API, the list page's address and the CSV export (keys: <see cref="QueryKeys{T}"/>).</summary>
public sealed record OrganisationQuery : ListQuery
{
    public OrganisationStatus? Status { get; init; }
    public string? Country { get; init; }
    public bool? Vetted { get; init; }
    /// <summary>The list page called it <c>manager</c> before; links saved then still work.</summary>
    [FormerQueryKey("manager")] public Guid? AccountManagerId { get; init; }
    /// <summary>Only organisations that have this module on (a catalogue id such as <c>trading</c>).</summary>
    public string? Module { get; init; }
    /// <summary>Only organisations in this pricing group.</summary>
    public Guid? PricingGroupId { get; init; }
}

public sealed record OrganisationRow(
    Guid Id, string Name, string? TradingName, string BillingEmail, string? CompanyNumber, string CountryCode,
    OrganisationStatus Status, bool IsVetted, bool IsMerchant, Guid? AccountManagerId, string? AccountManagerName,
    string? OwnerName, string? OwnerEmail, DateTimeOffset CreatedAt, long Version);

/// <summary>A staff user who can be an organisation's account manager.</summary>
public sealed record AccountManager(Guid Id, string DisplayName);

public sealed record OrganisationDetails(
    OrganisationRow Organisation, string? StatusMessage, DateTimeOffset? ActivatedAt, IReadOnlyList<MemberRow> Members,
    IReadOnlyList<OrganisationAction> AllowedActions);

/// <summary>The fields staff edit on an organisation; creating and editing share them.</summary>
public abstract class OrganisationFields
{
    public string Name { get; set; } = "";
    public string? TradingName { get; set; }
    public string BillingEmail { get; set; } = "";
    public string? CompanyNumber { get; set; }
    public string CountryCode { get; set; } = "GB";
    public bool IsVetted { get; set; }
    public bool IsMerchant { get; set; }
    public Guid? AccountManagerId { get; set; }
}

public sealed class CreateOrganisation : OrganisationFields
{
    /// <summary>Optional: the owner can be added later, but an organisation cannot be activated without one.</summary>
    public CreateMember? Owner { get; set; }
    /// <summary>
    /// The person has seen the likely duplicates (<see cref="OrganisationService.FindDuplicatesAsync"/>) and says this is a
    /// different organisation; without it a create that has candidates is refused (409 <c>organisation.possible_duplicate</c>).
    /// </summary>
    public bool ConfirmedNotDuplicate { get; set; }
}

public sealed class UpdateOrganisation : OrganisationFields
{
    public long Version { get; set; }
}

public sealed class ChangeStatus
{
    /// <summary>Required to suspend or archive: the next person to open the organisation reads it.</summary>
    public string? Reason { get; set; }
    public long Version { get; set; }
}
