using System.Text.Json.Serialization;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>A part of the platform Portal sells by the month; an organisation switches it on or off.</summary>
/// <param name="MonthlyPrice">The list price a month. JSON carries it as <c>monthlyPriceMinor</c> and <c>currency</c>.</param>
public sealed record ModuleDefinition(string Id, string Name, string Description, [property: JsonIgnore] Money MonthlyPrice)
{
    /// <summary>The list price in minor units of <see cref="Currency"/> (pence for GBP).</summary>
    public long MonthlyPriceMinor => MonthlyPrice.Minor;
    public string Currency => MonthlyPrice.Currency;
}

/// <summary>
/// The modules Portal offers. A static catalogue: the ids are the five access areas the customer API knows
/// (spec "Customer API" §1.5/§1.14, open question 7), and a price change is a code change that is reviewed and deployed.
/// </summary>
public static class ModuleCatalogue
{
    public static readonly IReadOnlyList<ModuleDefinition> All =
    [
        new("system", "System", "The organisation's own users, roles, API tokens and settings.", Pounds(0)),
        new("account", "Account", "Invoices, statements and settlement documents in one place.", Pounds(1500)),
        new("inventory", "Inventory", "Stock of grain and inputs by store, field and business unit.", Pounds(2500)),
        new("trading", "Trading", "Trade listings, buyer alerts and contracts with connected businesses.", Pounds(4900)),
        new("logistics", "Logistics", "Collections, deliveries and haulage bookings with live status.", Pounds(3500)),
    ];

    /// <summary>The catalogue's prices are in pence.</summary>
    public const string Currency = Currencies.GBP;

    private static Money Pounds(long pence) => new(pence, Currency);

    public static ModuleDefinition? Find(string? id) =>
        All.FirstOrDefault(m => string.Equals(m.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The module, or a 404 that names the id the caller sent.</summary>
    public static ModuleDefinition Get(string? id) => Find(id) ?? throw new NotFoundException("Module", id ?? "");

    public static string Ids => string.Join(", ", All.Select(m => m.Id));
}

/// <summary>A module that is on for an organisation: since when and who switched it on. Off is no row (the audit trail keeps the past).</summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class OrganisationModule : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId;
    public const int ModuleIdMaxLength = 32;
    public const int EnabledByMaxLength = Audit.AuditEntry.ActorMaxLength;

    public Guid OrganisationId { get; init; }
    public required string ModuleId { get; init; }
    public DateTimeOffset EnabledAt { get; init; }
    /// <summary>The staff user's id (or API key's, or external subject), when there was one.</summary>
    public string? EnabledById { get; init; }
    /// <summary>Who switched it on, as the audit trail names them (<see cref="ICurrentUser.ActorName"/>): shown in "on since … by …".</summary>
    public required string EnabledBy { get; init; }
}

/// <summary>The modules of an organisation: part of the aggregate, so switching is a change of the organisation.</summary>
public sealed partial class Organisation
{
    public List<OrganisationModule> Modules { get; init; } = [];

    /// <summary>Switches <paramref name="module"/> on; false when it already was (nothing changes).</summary>
    public bool SwitchModuleOn(ModuleDefinition module, DateTimeOffset now, string? byId, string byName)
    {
        EnsureEditable();
        if (Modules.Any(m => m.ModuleId == module.Id)) return false;
        Modules.Add(new OrganisationModule
        {
            OrganisationId = Id, ModuleId = module.Id, EnabledAt = now, EnabledById = byId,
            EnabledBy = byName.Length <= OrganisationModule.EnabledByMaxLength ? byName : byName[..OrganisationModule.EnabledByMaxLength],
        });
        return true;
    }

    /// <summary>Switches <paramref name="module"/> off; false when it already was.</summary>
    public bool SwitchModuleOff(ModuleDefinition module)
    {
        EnsureEditable();
        var on = Modules.FirstOrDefault(m => m.ModuleId == module.Id);
        if (on is null) return false;
        Modules.Remove(on);
        return true;
    }
}
