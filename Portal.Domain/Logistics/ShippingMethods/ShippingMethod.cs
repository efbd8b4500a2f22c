using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>A way to ship: a carrier's service under a name staff recognise, the countries it serves and its weight limit.</summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class ShippingMethod : IVersioned
{
    public const int CarrierMaxLength = 40;
    public const int ServiceMaxLength = 60;
    public const int NameMaxLength = 120;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The carrier's short name (<c>dpd</c>, <c>postnl</c>, <c>royal-mail</c>).</summary>
    public required string Carrier { get; set; }
    /// <summary>The carrier's service (<c>next-day</c>, <c>tracked-48</c>).</summary>
    public required string Service { get; set; }
    public required string Name { get; set; }
    /// <summary>ISO 3166-1 alpha-2 destination codes, comma separated and sorted; empty serves every country.</summary>
    public string Countries { get; set; } = "";
    /// <summary>The heaviest parcel the method takes, in grams; null for no limit.</summary>
    public int? MaxWeightGrams { get; set; }
    public bool IsEnabled { get; set; } = true;
    /// <summary>Its parcels go to a carrier's service point (a parcel shop) rather than an address.</summary>
    public bool ToServicePoint { get; set; }
    public long Version { get; set; }

    public IReadOnlyList<string> CountryList => Countries.Length == 0 ? [] : Countries.Split(',');

    public bool Serves(string countryCode) => Countries.Length == 0 || CountryList.Contains(countryCode);

    public static string JoinCountries(IEnumerable<string> codes) =>
        string.Join(',', codes.Select(c => c.Trim().ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal));
}

internal sealed class ShippingMethodConfiguration : IEntityTypeConfiguration<ShippingMethod>
{
    public void Configure(EntityTypeBuilder<ShippingMethod> b)
    {
        b.ToTable("ShippingMethods");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Carrier).HasMaxLength(ShippingMethod.CarrierMaxLength);
        b.Property(m => m.Service).HasMaxLength(ShippingMethod.ServiceMaxLength);
        b.Property(m => m.Name).HasMaxLength(ShippingMethod.NameMaxLength).IgnoringCase();
        b.Property(m => m.Countries).HasMaxLength(1000);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Ignore(m => m.CountryList);
        b.HasIndex(m => new { m.Carrier, m.Service }).IsUnique();
        b.HasIndex(m => new { m.Name, m.Id });
    }
}
