using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Features.Organisations;

/// <summary>How the "Addresses & contacts" tab words and shows things, written once for its sections and dialogs.</summary>
public static class ContactText
{
    public static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true };

    /// <summary>Every country a VAT number can be registered in as (code, "Name (CODE)"), Northern Ireland (XI) included, by name.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> VatCountryOptions =
        OrganisationText.CountryOptions.Append((Code: VatNumberFormat.NorthernIreland, Label: $"Northern Ireland ({VatNumberFormat.NorthernIreland})"))
            .OrderBy(c => c.Label, StringComparer.CurrentCulture).ToList();

    public static string VatCountry(string code) =>
        code == VatNumberFormat.NorthernIreland ? $"Northern Ireland ({code})" : OrganisationText.Country(code);

    /// <summary>Colour by meaning; the text is always shown too.</summary>
    public static Color Colour(VatState state) => state switch
    {
        VatState.Valid => Color.Success,
        VatState.Invalid => Color.Error,
        _ => Color.Warning,
    };

    public const string PhoneLabelHelp = "e.g. Main, Accounts, Warehouse or Mobile.";

    public const string VatCheckHelp =
        "Portal cannot reach VIES or HMRC from here. Check the number on the official service (VIES for EU and XI numbers, " +
        "HMRC for GB numbers), then record what it said. Your name and the time are recorded with the result.";
}
