using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public enum AddressKind { Billing, Shipping }

/// <summary>Where a VAT number stands: new numbers are unverified until staff record what VIES or HMRC said.</summary>
public enum VatState { Unverified, Valid, Invalid }

/// <summary>A billing or shipping address of an organisation; one of each kind is the primary.</summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class OrganisationAddress : IAggregatePart, IPostalAddress
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId;
    public const int LabelMaxLength = 50;
    public const int AttentionMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public AddressKind Kind { get; set; }
    /// <summary>How staff tell addresses apart, e.g. "Head office" or "Depot 2".</summary>
    public string? Label { get; set; }
    /// <summary>A person or department the post is for ("FAO Accounts payable").</summary>
    public string? Attention { get; set; }
    public required string Line1 { get; set; }
    public string? Line2 { get; set; }
    public required string City { get; set; }
    /// <summary>County, state or province, where the country uses one.</summary>
    public string? Region { get; set; }
    public required string Postcode { get; set; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string CountryCode { get; set; }
    public bool IsPrimary { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A phone number of an organisation, stored in E.164; one is the primary.</summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class OrganisationPhoneNumber : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId;
    public const int LabelMaxLength = 50;
    /// <summary>What people may type, separators included; the stored E.164 form is at most 16 characters.</summary>
    public const int InputMaxLength = 32;
    public const int NumberMaxLength = 16;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    /// <summary>e.g. Main, Accounts, Warehouse, Mobile.</summary>
    public required string Label { get; set; }
    /// <summary>E.164: + then 7 to 15 digits.</summary>
    public required string Number { get; set; }
    public bool IsPrimary { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A VAT registration of an organisation in one country. Portal cannot call VIES or HMRC, so staff check the number
/// there and record the result here: who checked, when, and the registered name the service returned.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class OrganisationVatNumber : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId;
    public const int InputMaxLength = 32;
    public const int NumberMaxLength = 20;
    public const int RegisteredNameMaxLength = 200;
    public const int CheckedByMaxLength = 256;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    /// <summary>ISO 3166-1 alpha-2, or XI for Northern Ireland.</summary>
    public required string CountryCode { get; set; }
    /// <summary>Normalised, with the country prefix: GB123456789.</summary>
    public required string Number { get; set; }
    public VatState State { get; private set; } = VatState.Unverified;
    public DateTimeOffset? CheckedAt { get; private set; }
    public string? CheckedBy { get; private set; }
    /// <summary>The name the register holds for the number, as the check returned it.</summary>
    public string? RegisteredName { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }

    public void Correct(string countryCode, string number)
    {
        if (number != Number)
        {
            State = VatState.Unverified;
            (CheckedAt, CheckedBy, RegisteredName) = (null, null, null);
        }
        (CountryCode, Number) = (countryCode, number);
    }

    public void RecordCheck(VatState result, string? registeredName, string checkedBy, DateTimeOffset at)
    {
        if (result == VatState.Unverified)
            throw DomainValidationException.For("result", "Record the result of the check: Valid or Invalid.");
        State = result;
        RegisteredName = string.IsNullOrWhiteSpace(registeredName) ? null : registeredName.Trim();
        CheckedBy = checkedBy.Length <= CheckedByMaxLength ? checkedBy : checkedBy[..CheckedByMaxLength];
        CheckedAt = at;
    }
}

/// <summary>The organisation's addresses, phone numbers and VAT numbers: part of the aggregate, changed only through it.</summary>
public sealed partial class Organisation
{
    public List<OrganisationAddress> Addresses { get; init; } = [];
    public List<OrganisationPhoneNumber> PhoneNumbers { get; init; } = [];
    public List<OrganisationVatNumber> VatNumbers { get; init; } = [];

    /// <summary>The first address of a kind becomes its primary.</summary>
    public OrganisationAddress AddAddress(AddressFields fields, DateTimeOffset now)
    {
        EnsureEditable();
        var address = new OrganisationAddress
        {
            OrganisationId = Id, Kind = fields.Kind, Line1 = "", City = "", Postcode = "", CountryCode = "", CreatedAt = now,
        };
        Fill(address, fields);
        address.IsPrimary = Addresses.All(a => a.Kind != fields.Kind);
        Addresses.Add(address);
        return address;
    }

    /// <summary>Moving an address to the other kind keeps both kinds with exactly one primary.</summary>
    public OrganisationAddress UpdateAddress(Guid addressId, AddressFields fields)
    {
        EnsureEditable();
        var address = Address(addressId);
        if (address.Kind != fields.Kind)
        {
            var wasPrimary = address.IsPrimary;
            var from = address.Kind;
            address.Kind = fields.Kind;
            address.IsPrimary = Addresses.All(a => a == address || a.Kind != fields.Kind);
            if (wasPrimary) PromoteOldest(Addresses.Where(a => a.Kind == from));
        }
        Fill(address, fields);
        return address;
    }

    /// <summary>Removing the primary makes the oldest remaining address of that kind primary.</summary>
    public void RemoveAddress(Guid addressId)
    {
        EnsureEditable();
        var address = Address(addressId);
        Addresses.Remove(address);
        if (address.IsPrimary) PromoteOldest(Addresses.Where(a => a.Kind == address.Kind));
    }

    public OrganisationAddress MakeAddressPrimary(Guid addressId)
    {
        EnsureEditable();
        var address = Address(addressId);
        foreach (var other in Addresses.Where(a => a.Kind == address.Kind)) other.IsPrimary = other == address;
        return address;
    }

    public OrganisationPhoneNumber AddPhoneNumber(PhoneNumberFields fields, DateTimeOffset now)
    {
        EnsureEditable();
        var number = UniquePhoneNumber(fields.Number, exceptId: null);
        var phone = new OrganisationPhoneNumber
        {
            OrganisationId = Id, Label = fields.Label.Trim(), Number = number, IsPrimary = PhoneNumbers.Count == 0, CreatedAt = now,
        };
        PhoneNumbers.Add(phone);
        return phone;
    }

    public OrganisationPhoneNumber UpdatePhoneNumber(Guid phoneId, PhoneNumberFields fields)
    {
        EnsureEditable();
        var phone = Phone(phoneId);
        phone.Number = UniquePhoneNumber(fields.Number, phoneId);
        phone.Label = fields.Label.Trim();
        return phone;
    }

    public void RemovePhoneNumber(Guid phoneId)
    {
        EnsureEditable();
        var phone = Phone(phoneId);
        PhoneNumbers.Remove(phone);
        if (phone.IsPrimary) PromoteOldest(PhoneNumbers);
    }

    public OrganisationPhoneNumber MakePhoneNumberPrimary(Guid phoneId)
    {
        EnsureEditable();
        var phone = Phone(phoneId);
        foreach (var other in PhoneNumbers) other.IsPrimary = other == phone;
        return phone;
    }

    /// <summary>A new number starts unverified. One organisation lists a number once.</summary>
    public OrganisationVatNumber AddVatNumber(VatNumberFields fields, DateTimeOffset now)
    {
        EnsureEditable();
        var vat = new OrganisationVatNumber
        {
            OrganisationId = Id, CountryCode = fields.CountryCode, Number = UniqueVatNumber(fields, exceptId: null), CreatedAt = now,
        };
        VatNumbers.Add(vat);
        return vat;
    }

    /// <summary>Corrects a number or its country. A different number has not been checked: it is unverified again.</summary>
    public OrganisationVatNumber UpdateVatNumber(Guid vatId, VatNumberFields fields)
    {
        EnsureEditable();
        var vat = Vat(vatId);
        vat.Correct(fields.CountryCode, UniqueVatNumber(fields, vatId));
        return vat;
    }

    public void RemoveVatNumber(Guid vatId)
    {
        EnsureEditable();
        VatNumbers.Remove(Vat(vatId));
    }

    public OrganisationVatNumber RecordVatCheck(Guid vatId, VatState result, string? registeredName, string checkedBy, DateTimeOffset at)
    {
        EnsureEditable();
        var vat = Vat(vatId);
        vat.RecordCheck(result, registeredName, checkedBy, at);
        return vat;
    }

    private static void Fill(OrganisationAddress address, AddressFields fields)
    {
        address.Label = Blank(fields.Label);
        address.Attention = Blank(fields.Attention);
        address.Line1 = fields.Line1.Trim();
        address.Line2 = Blank(fields.Line2);
        address.City = fields.City.Trim();
        address.Region = Blank(fields.Region);
        address.CountryCode = fields.CountryCode;
        address.Postcode = PostcodeFormat.Normalise(fields.Postcode, fields.CountryCode);
    }

    private string UniqueVatNumber(VatNumberFields fields, Guid? exceptId)
    {
        var number = VatNumberFormat.Normalise(fields.CountryCode, fields.Number);
        if (VatNumbers.Any(v => v.Number == number && v.Id != exceptId))
            throw DomainValidationException.For("number", $"{number} is already one of {Name}'s VAT numbers.");
        return number;
    }

    private string UniquePhoneNumber(string input, Guid? exceptId)
    {
        var number = PhoneNumberFormat.Normalise(input);
        if (PhoneNumbers.Any(p => p.Number == number && p.Id != exceptId))
            throw DomainValidationException.For("number", $"{number} is already one of {Name}'s phone numbers.");
        return number;
    }

    /// <summary>The oldest (first added) of what is left becomes primary; nothing happens when nothing is left.</summary>
    private static void PromoteOldest(IEnumerable<OrganisationAddress> remaining)
    {
        if (remaining.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).FirstOrDefault() is { } oldest) oldest.IsPrimary = true;
    }

    private static void PromoteOldest(IEnumerable<OrganisationPhoneNumber> remaining)
    {
        if (remaining.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).FirstOrDefault() is { } oldest) oldest.IsPrimary = true;
    }

    private OrganisationAddress Address(Guid id) =>
        Addresses.FirstOrDefault(a => a.Id == id) ?? throw new NotFoundException("Address", id);

    private OrganisationPhoneNumber Phone(Guid id) =>
        PhoneNumbers.FirstOrDefault(p => p.Id == id) ?? throw new NotFoundException("Phone number", id);

    private OrganisationVatNumber Vat(Guid id) =>
        VatNumbers.FirstOrDefault(v => v.Id == id) ?? throw new NotFoundException("VAT number", id);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
