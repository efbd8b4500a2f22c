using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public sealed record ShippingMethodQuery : ListQuery
{
    public bool? Enabled { get; init; }
    public string? Carrier { get; init; }
    /// <summary>Only methods that serve this destination (ISO alpha-2).</summary>
    public string? Country { get; init; }
}

public sealed record ShippingMethodRow(
    Guid Id, string Carrier, string Service, string Name, IReadOnlyList<string> Countries, int? MaxWeightGrams, bool IsEnabled,
    bool ToServicePoint, long Version);

public sealed class ShippingMethodFields
{
    public string Carrier { get; set; } = "";
    public string Service { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Countries { get; set; } = [];
    public int? MaxWeightGrams { get; set; }
    public bool IsEnabled { get; set; } = true;
    public bool ToServicePoint { get; set; }
}
