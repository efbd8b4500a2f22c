using Microsoft.EntityFrameworkCore;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>
/// The modules an organisation's subscriptions switch on: those of the plans (and add-ons) of its subscriptions that
/// entitle it now (trialing, active, past due). Read, never written: a subscription that ends stops granting, and a module
/// staff switched on themselves is a row of its own that billing never touches.
/// </summary>
public sealed class BillingModuleGrants : IModuleGrantSource
{
    public async Task<IReadOnlyDictionary<string, string>> GrantedAsync(PortalDbContext db, Guid organisationId, CancellationToken ct)
    {
        var subs = await db.Subscriptions.AsNoTracking().Where(s => s.OrganisationId == organisationId && Subscription.Entitling.Contains(s.Status))
            .Select(s => new { s.PlanId, AddOns = s.AddOns.Select(a => a.PlanId).ToList() }).ToListAsync(ct);
        var planIds = subs.SelectMany(s => s.AddOns.Prepend(s.PlanId)).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).Select(p => new { p.Name, p.ModuleIds }).ToListAsync(ct);
        var granted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var plan in plans.OrderBy(p => p.Name, StringComparer.Ordinal))
            foreach (var module in plan.ModuleIds) granted.TryAdd(module, plan.Name);
        return granted;
    }
}
