using FluentValidation;

namespace Portal.Domain.Common;

/// <summary>
/// A postal address as every area keeps one (an organisation's billing address, a business unit's location, a shipment's
/// destination, a warehouse): lines, town, region, postcode checked against its country (none in a country without
/// postcodes: <see cref="CountryAddressRules"/>), ISO 3166-1 alpha-2 country.
/// An area's entity or command implements it; <see cref="PostalAddressRules{T}"/> validates it the same way everywhere.
/// </summary>
public interface IPostalAddress
{
    string Line1 { get; }
    string? Line2 { get; }
    string City { get; }
    /// <summary>County, state or province, where the country uses one.</summary>
    string? Region { get; }
    string Postcode { get; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    string CountryCode { get; }
}

/// <summary>The column sizes of an address, used by the EF configurations, the validators and the inputs alike.</summary>
public static class PostalAddress
{
    public const int LineMaxLength = 100;
    public const int CityMaxLength = 100;
    public const int RegionMaxLength = 100;
    public const int PostcodeMaxLength = 12;
}

/// <summary>The rules of <see cref="IPostalAddress"/>; an area's validator adds them with <c>Include(new PostalAddressRules&lt;T&gt;())</c>.</summary>
public sealed class PostalAddressRules<T> : AbstractValidator<T> where T : IPostalAddress
{
    public PostalAddressRules()
    {
        RuleFor(a => a.Line1).Must(NotBeBlank).WithMessage("Enter the first line of the address (building and street).");
        RuleFor(a => a.Line1).MaximumLength(PostalAddress.LineMaxLength)
            .WithMessage($"An address line must be {PostalAddress.LineMaxLength} characters or fewer.");
        RuleFor(a => a.Line2).MaximumLength(PostalAddress.LineMaxLength)
            .WithMessage($"An address line must be {PostalAddress.LineMaxLength} characters or fewer.");
        RuleFor(a => a.City).Must(NotBeBlank).WithMessage("Enter the town or city.");
        RuleFor(a => a.City).MaximumLength(PostalAddress.CityMaxLength)
            .WithMessage($"A town or city must be {PostalAddress.CityMaxLength} characters or fewer.");
        RuleFor(a => a.Region).MaximumLength(PostalAddress.RegionMaxLength)
            .WithMessage($"A county, state or region must be {PostalAddress.RegionMaxLength} characters or fewer.");
        RuleFor(a => a.Postcode).Must(NotBeBlank).When(a => CountryAddressRules.PostcodeRequired(a.CountryCode)).WithMessage("Enter the postcode.");
        RuleFor(a => a.Postcode).Must(p => p is null || p.Trim().Length <= PostalAddress.PostcodeMaxLength)
            .WithMessage($"A postcode must be {PostalAddress.PostcodeMaxLength} characters or fewer.");
        RuleFor(a => a.Postcode).Matches("^[A-Za-z0-9 -]*$")
            .WithMessage("A postcode has only letters, digits, spaces and '-'.");
        RuleFor(a => a.Postcode).Must(HaveTheCountrysFormat).When(a => NotBeBlank(a.Postcode))
            .WithMessage(a => PostcodeFormat.Problem(a.Postcode, a.CountryCode)!);
        RuleFor(a => a.CountryCode).Must(Countries.IsKnown)
            .WithMessage("Choose a country (a two-letter ISO code such as GB, NL or US).");
    }

    private static bool NotBeBlank(string? s) => !string.IsNullOrWhiteSpace(s);

    private static bool HaveTheCountrysFormat(T a, string? postcode) => PostcodeFormat.Problem(postcode, a.CountryCode) is null;
}
