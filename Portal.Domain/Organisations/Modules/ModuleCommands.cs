using System.Text.Json.Serialization;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>A catalogue module as one organisation has it: on (since when, by whom) or off.</summary>
/// <param name="IsOn">Switched on by staff (a row of the organisation).</param>
/// <param name="GrantedByPlan">The plan of a subscription that switches it on now, when one does; staff's switch stays as it is.</param>
public sealed record ModuleRow(
    string Id, string Name, string Description, [property: JsonIgnore] Money MonthlyPrice, bool IsOn, DateTimeOffset? OnSince, string? OnBy,
    string? GrantedByPlan = null)
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

/// <summary>Another area that switches modules on for an organisation without a row of its own here (billing: a subscription's plan).</summary>
public interface IModuleGrantSource
{
    /// <summary>Module id → what grants it (a plan's name), for the organisation now.</summary>
    Task<IReadOnlyDictionary<string, string>> GrantedAsync(Store.PortalDbContext db, Guid organisationId, CancellationToken ct);
}
