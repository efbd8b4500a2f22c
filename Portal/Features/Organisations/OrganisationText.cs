using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Features.Organisations;

/// <summary>How the Organisations screens word things, written once for the list, the detail page and the dialogs.</summary>
public static class OrganisationText
{
    /// <summary>Every known country as (code, "Name (CODE)"), by name.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> CountryOptions =
        Countries.Codes.Select(c => (Code: c, Label: Country(c))).OrderBy(c => c.Label, StringComparer.CurrentCulture).ToList();

    public static string Country(string code)
    {
        var name = Countries.NameOf(code);
        return name == code ? code : $"{name} ({code})";
    }

    public static string Role(MemberRole role) => role.ToString();

    public static bool CanWrite(ICurrentUser user) => user.Has(Access.Write);
}
