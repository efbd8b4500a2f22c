namespace Portal.Domain.Organisations;

/// <summary>A catalogue module as one organisation has it: on (since when, by whom) or off.</summary>
public sealed record ModuleRow(
    string Id, string Name, string Description, long MonthlyPriceMinor, string Currency, bool IsOn, DateTimeOffset? OnSince, string? OnBy);

/// <summary>The whole catalogue with this organisation's switches, the monthly total of what is on, and the version.</summary>
public sealed record ModuleList(Guid OrganisationId, long Version, IReadOnlyList<ModuleRow> Modules, long MonthlyTotalMinor, string Currency);
