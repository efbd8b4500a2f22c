using Portal.Domain.Common;
using Portal.Domain.Logistics;

namespace Portal.Features.Logistics;

/// <summary>The words the packing station and its print views share.</summary>
public static class PackText
{
    /// <summary>An end of a shipment as the lines of an address label (a location by its name).</summary>
    public static IReadOnlyList<string> AddressLines(PartyRow party) => party.Kind == PartyKind.Location
        ? [party.LocationName ?? "A location"]
        : [.. new[]
        {
            party.Name, party.Kind == PartyKind.ServicePoint ? $"Service point {party.ServicePoint}" : null, party.Line1, party.Line2,
            $"{party.Postcode} {party.City}".Trim(), party.Region, party.CountryCode is { } c ? Countries.NameOf(c) : null,
        }.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!)];

    public static string Weight(int? grams) => grams is { } g ? $"{g / 1000m:0.###} kg" : "—";
}
