using System.Text.Json.Serialization;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>A catalogue module as one organisation has it: on (since when, by whom) or off.</summary>
public sealed record ModuleRow(
    string Id, string Name, string Description, [property: JsonIgnore] Money MonthlyPrice, bool IsOn, DateTimeOffset? OnSince, string? OnBy)
{
    public long MonthlyPriceMinor => MonthlyPrice.Minor;
    public string Currency => MonthlyPrice.Currency;
}

/// <summary>The whole catalogue with this organisation's switches, the monthly total of what is on, and the version.</summary>
public sealed record ModuleList(Guid OrganisationId, long Version, IReadOnlyList<ModuleRow> Modules, [property: JsonIgnore] Money MonthlyTotal)
{
    public long MonthlyTotalMinor => MonthlyTotal.Minor;
    public string Currency => MonthlyTotal.Currency;
}
