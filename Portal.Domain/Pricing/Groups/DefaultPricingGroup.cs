using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Pricing;

/// <summary>The Pricing section of configuration.</summary>
public sealed class PricingOptions
{
    /// <summary>
    /// The pricing group every new organisation joins (made in the form, by the API or by an import): an enabled group's
    /// name (any case) or id. Empty: new organisations start in no group.
    /// </summary>
    public string? DefaultGroup { get; set; }
}

/// <summary>
/// Puts a new organisation in <see cref="PricingOptions.DefaultGroup"/>. A group that does not exist or is disabled is
/// not given (a disabled group takes no organisations) and the organisation is still created, with a warning in the log.
/// </summary>
internal sealed class DefaultPricingGroup(IOptionsMonitor<PricingOptions> options, ILogger<DefaultPricingGroup> log) : INewOrganisationDefaults
{
    public async Task<Action<Organisation>?> ForNewAsync(PortalDbContext db, CancellationToken ct)
    {
        var configured = options.CurrentValue.DefaultGroup?.Trim();
        if (string.IsNullOrEmpty(configured)) return null;
        var groups = db.PricingGroups.AsNoTracking();
        var group = Guid.TryParse(configured, out var id)
            ? await groups.Where(g => g.Id == id).Select(g => new { g.Id, g.DisabledAt }).FirstOrDefaultAsync(ct)
            // Names compare without case (the column's collation); an enabled group's name is unique.
            : await groups.Where(g => g.Name == configured).OrderBy(g => g.DisabledAt != null).Select(g => new { g.Id, g.DisabledAt }).FirstOrDefaultAsync(ct);
        if (group is null || group.DisabledAt is not null)
        {
            log.LogWarning("Pricing:DefaultGroup names {Group}, which is {State}: new organisations start in no pricing group",
                configured, group is null ? "not a pricing group" : "disabled");
            return null;
        }
        var groupId = group.Id;
        return org => org.PricingGroupId ??= groupId;
    }
}
