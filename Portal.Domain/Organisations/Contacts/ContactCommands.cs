using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public sealed record AddressRow(
    Guid Id, AddressKind Kind, string? Label, string? Attention, string Line1, string? Line2, string City, string? Region,
    string Postcode, string CountryCode, bool IsPrimary, DateTimeOffset CreatedAt);

public sealed record PhoneNumberRow(Guid Id, string Label, string Number, bool IsPrimary, DateTimeOffset CreatedAt);

public sealed record VatNumberRow(
    Guid Id, string CountryCode, string Number, VatState State, DateTimeOffset? CheckedAt, string? CheckedBy, string? RegisteredName,
    DateTimeOffset CreatedAt);

/// <summary>An organisation's addresses (billing first, primary first), phone numbers and VAT numbers, at <see cref="Version"/>.</summary>
public sealed record OrganisationContactDetails(
    Guid OrganisationId, long Version, bool IsReadOnly,
    IReadOnlyList<AddressRow> Addresses, IReadOnlyList<PhoneNumberRow> PhoneNumbers, IReadOnlyList<VatNumberRow> VatNumbers);

/// <summary>The fields of an address; adding and editing share them.</summary>
public sealed class AddressFields : IPostalAddress
{
    public AddressKind Kind { get; set; } = AddressKind.Billing;
    public string? Label { get; set; }
    public string? Attention { get; set; }
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string? Region { get; set; }
    public string Postcode { get; set; } = "";
    public string CountryCode { get; set; } = "GB";

    public static AddressFields From(AddressRow a) => new()
    {
        Kind = a.Kind, Label = a.Label, Attention = a.Attention, Line1 = a.Line1, Line2 = a.Line2, City = a.City, Region = a.Region,
        Postcode = a.Postcode, CountryCode = a.CountryCode,
    };
}

public sealed class PhoneNumberFields
{
    public string Label { get; set; } = "Main";
    /// <summary>In international form, as people write it: "+44 20 7946 0958".</summary>
    public string Number { get; set; } = "";
}

public sealed class VatNumberFields
{
    public string CountryCode { get; set; } = "GB";
    /// <summary>With or without the country prefix, spaces and dots: "GB 123 4567 89".</summary>
    public string Number { get; set; } = "";
}

/// <summary>What the VIES or HMRC check said, recorded by the staff member who ran it.</summary>
public sealed class VatCheck
{
    public VatState? Result { get; set; }
    public string? RegisteredName { get; set; }
}
