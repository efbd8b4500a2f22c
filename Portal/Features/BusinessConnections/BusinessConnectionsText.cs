using System.Globalization;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Features.BusinessConnections;

/// <summary>How the area's pages word things, once.</summary>
public static class BusinessConnectionsText
{
    public static bool CanWrite(ICurrentUser user) => user.Has(Access.Write);

    public static string When(DateTimeOffset at) => at.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public static string Type(BusinessUnitType type) => type switch
    {
        BusinessUnitType.Farm => "Farm",
        BusinessUnitType.Stores => "Store",
        _ => "Region",
    };

    public static string Status(CertificateStatus status) => status switch
    {
        CertificateStatus.Valid => "Valid",
        CertificateStatus.Grace => "In grace",
        _ => "Expired",
    };

    public static string Reason(DuplicateReason reason) => reason switch
    {
        DuplicateReason.ContactEmail => "a contact's email",
        DuplicateReason.EmailDomain => "the email domain",
        DuplicateReason.SimilarName => "a similar name",
        _ => "the company number",
    };

    public static string Relationships(IEnumerable<BusinessRelationship> relationships) => string.Join(", ", relationships.Select(r => r.ToString().ToLowerInvariant()));

    /// <summary>Organisations whose name starts with or contains the text, for the pickers (the organisations list's own search).</summary>
    public static async Task<IEnumerable<OrganisationRow>> FindOrganisationsAsync(OrganisationService organisations, string? text, CancellationToken ct) =>
        (await organisations.ListAsync(new OrganisationQuery { Q = string.IsNullOrWhiteSpace(text) ? null : text, PageSize = 10 }, ct)).Items;
}
