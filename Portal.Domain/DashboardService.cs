using Microsoft.EntityFrameworkCore;
using Portal.Domain.AgentConnections;
using Portal.Domain.Admin;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Domain.Pricing;
using Portal.Domain.Store;

namespace Portal.Domain;

/// <summary>What each role's home page shows; a part the user may not read is null.</summary>
public sealed record DashboardCounts(AdminCounts? Admin, OrganisationCounts? Organisations, LogisticsCounts? Logistics,
    Invitations.InvitationCounts? Invitations = null, BillingCounts? Billing = null,
    BusinessConnectionsCounts? BusinessConnections = null,
    AgentConnectionsCounts? AgentConnections = null,
    Pricing.PricingCounts? Pricing = null);

/// <summary>
/// Billing's work queues and its monthly recurring revenue: active subscriptions, trials ending within 7 days, what past-due
/// and unpaid subscriptions owe, and for each of the last 12 months the licence and add-on lines whose period covers the
/// month's end (a yearly line counts a twelfth), in whole units of each currency (the catalogue's first, never summed across).
/// </summary>
public sealed record BillingCounts(int ActiveSubscriptions, int TrialsEndingSoon, int PastDueSubscriptions, Common.Money PastDueAmount, IReadOnlyList<CurrencyRevenue> RecurringRevenue);

/// <summary>The certificate work queue: expiring within the window (30 days), and in grace (expired, not yet lapsed).</summary>
public sealed record BusinessConnectionsCounts(int CertificatesExpiringSoon, int CertificatesInGrace);

/// <summary>Agent connections' work queues: handshakes under way, abandoned ones, messages waiting for the agencies' systems.</summary>
public sealed record AgentConnectionsCounts(int Agencies, int InHandshake, int Abandoned, int QueuedMessages);

public sealed record AdminCounts(
    int StaffUsers, int DisabledStaffUsers, IReadOnlyDictionary<string, int> StaffByRole,
    int ActiveApiKeys, int PendingEmails, int FailedEmails, int ChangesToday);

public sealed record OrganisationCounts(IReadOnlyDictionary<OrganisationStatus, int> ByStatus, IReadOnlyList<MonthCount> NewPerMonth)
{
    public int Total => ByStatus.Values.Sum();
}

/// <summary>
/// The warehouse's work queues: lists not finished by state, shipments late (their ship date passed and they have not
/// left), units marked missing today and units picked in each hour of today so far (UTC).
/// </summary>
public sealed record LogisticsCounts(IReadOnlyDictionary<HandlingListState, int> OpenListsByState, int LateShipments, int MissingUnitsToday, IReadOnlyList<HourCount> PickedPerHour)
{
    public int OpenLists => OpenListsByState.Values.Sum();
    public int PickedToday => PickedPerHour.Sum(h => h.Count);
}

/// <summary>An hour of the day (UTC) and how many were counted in it.</summary>
public sealed record HourCount(int Hour, int Count);

/// <summary>A calendar month (UTC) and how many were created in it.</summary>
public sealed record MonthCount(DateOnly Month, int Count);

/// <summary>The live numbers on the home page; each is a COUNT in SQL, never rows.</summary>
public sealed class DashboardService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Portal.Domain.BusinessConnections.CertificateOptions> certificates,
    Microsoft.Extensions.Options.IOptions<InvitationOptions>? options = null)
{
    public const int Months = 12;

    public async Task<DashboardCounts> GetCountsAsync(CancellationToken ct = default)
    {
        user.Require(Access.Any);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return new DashboardCounts(
            user.Has(Access.Admin) ? await AdminAsync(db, ct) : null,
            user.Has(Access.Read) ? await OrganisationsAsync(db, ct) : null,
            user.Has(Access.LogisticsRead) ? await LogisticsAsync(db, ct) : null,
            user.Has(Access.Read) ? await InvitationsAsync(db, ct) : null,
            user.Has(Access.Read) ? await BillingAsync(db, ct) : null,
            user.Has(Access.Read) ? await BusinessConnectionsAsync(db, ct) : null,
            user.Has(Access.Read) ? await AgentConnectionsAsync(db, ct) : null,
            user.Has(Access.Read) ? await PricingAsync(db, ct) : null);
    }

    private async Task<AdminCounts> AdminAsync(PortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var startOfDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var byRole = await db.UserRoles.GroupBy(r => r.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new AdminCounts(
            await db.Users.CountAsync(ct),
            await db.Users.CountAsync(u => u.IsDisabled, ct),
            Roles.All.ToDictionary(r => r, r => byRole.FirstOrDefault(b => b.Key == RoleIds.ByName[r])?.Count ?? 0),
            await db.ApiKeys.CountAsync(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct),
            await db.OutboxEmails.CountAsync(o => o.Status == OutboxStatus.Pending, ct),
            await db.OutboxEmails.CountAsync(o => o.Status == OutboxStatus.Failed, ct),
            await db.AuditEntries.CountAsync(a => a.At >= startOfDay, ct));
    }

    private async Task<OrganisationCounts> OrganisationsAsync(PortalDbContext db, CancellationToken ct)
    {
        var byStatus = await db.Organisations.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var today = clock.GetUtcNow().UtcDateTime;
        var months = new List<MonthCount>();
        for (var i = Months - 1; i >= 0; i--)
        {
            // One range count per month on the CreatedAt index (dates are stored as sortable integers, not text).
            var start = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-i);
            var end = start.AddMonths(1);
            months.Add(new MonthCount(DateOnly.FromDateTime(start.UtcDateTime),
                await db.Organisations.CountAsync(o => o.CreatedAt >= start && o.CreatedAt < end, ct)));
        }
        return new OrganisationCounts(
            Enum.GetValues<OrganisationStatus>().ToDictionary(s => s, s => byStatus.FirstOrDefault(b => b.Key == s)?.Count ?? 0), months);
    }

    private async Task<BillingCounts> BillingAsync(PortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var weekAhead = now.AddDays(7);
        var active = await db.Subscriptions.CountAsync(s => s.Status == SubscriptionStatus.Active, ct);
        var trials = await db.Subscriptions.CountAsync(s => s.Status == SubscriptionStatus.Trialing && s.TrialEnd <= weekAhead, ct);
        var pastDue = await db.Subscriptions.CountAsync(s => s.Status == SubscriptionStatus.PastDue || s.Status == SubscriptionStatus.Unpaid, ct);
        var currency = Organisations.ModuleCatalogue.Currency;
        var owed = await db.Invoices.Where(i => i.Status == InvoiceStatus.Open && i.Total.Currency == currency
                && db.Set<Subscription>().Any(s => s.Id == i.SubscriptionId && (s.Status == SubscriptionStatus.PastDue || s.Status == SubscriptionStatus.Unpaid)))
            .SumAsync(i => i.Total.Minor - i.AmountPaid.Minor, ct);
        var months = await RecurringRevenue.MonthsAsync(db, now, DashboardService.Months, currency, ct);
        return new BillingCounts(active, trials, pastDue, new Common.Money(owed, currency), months);
    }

    /// <summary>The shipment statuses that have not left the building yet: late once their ship date has passed.</summary>
    private static readonly ShipmentStatus[] NotShipped = [ShipmentStatus.Open, ShipmentStatus.Listed, ShipmentStatus.Picked, ShipmentStatus.Packed];

    private static readonly HandlingListState[] NotDone = [HandlingListState.Open, HandlingListState.Assigned, HandlingListState.InProgress, HandlingListState.OnHold];

    private async Task<BusinessConnectionsCounts> BusinessConnectionsAsync(PortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var soon = now + certificates.Value.ExpiringWithin;
        var graceStart = now - certificates.Value.Grace;
        var set = db.Set<Portal.Domain.BusinessConnections.AssuranceCertificate>();
        return new BusinessConnectionsCounts(
            await set.CountAsync(c => c.ExpiresAt >= now && c.ExpiresAt <= soon, ct),
            await set.CountAsync(c => c.ExpiresAt < now && c.ExpiresAt >= graceStart, ct));
    }

    private async Task<LogisticsCounts> LogisticsAsync(PortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var startOfDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        // Each an index walk: lists by (State, DueAt), shipments by (Status, ShipAt), units by (State, HandledAt), picks by At.
        var byState = await db.HandlingLists.Where(l => NotDone.Contains(l.State)).GroupBy(l => l.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var late = await db.Shipments.CountAsync(s => NotShipped.Contains(s.Status) && s.ShipAt < now, ct);
        var missing = await db.ShipmentUnits.CountAsync(u => u.State == UnitState.Missing && u.HandledAt >= startOfDay, ct);
        var hours = new List<HourCount>();
        for (var hour = 0; hour <= now.UtcDateTime.Hour; hour++)
        {
            // One range sum per hour on the At index (dates are stored as sortable integers, so no date function in SQL).
            var start = startOfDay.AddHours(hour);
            var end = start.AddHours(1);
            hours.Add(new HourCount(hour, await db.HandlingListPicks
                .Where(p => p.At >= start && p.At < end && !p.IsMissing && p.UndoneAt == null).SumAsync(p => p.Quantity, ct)));
        }
        return new LogisticsCounts(NotDone.ToDictionary(s => s, s => byState.FirstOrDefault(b => b.Key == s)?.Count ?? 0), late, missing, hours);
    }

    /// <summary>The invitations' work queues, each a count on the (State, ExpiresAt) index or a small filtered scan.</summary>
    private async Task<Invitations.InvitationCounts> InvitationsAsync(PortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var soon = now.AddDays(7);
        var many = options?.Value.SuspiciousVerifications ?? new InvitationOptions().SuspiciousVerifications;
        return new Invitations.InvitationCounts(
            await db.Invitations.CountAsync(i => i.State == Invitations.InvitationState.Sent && i.ExpiresAt > now, ct),
            await db.Invitations.CountAsync(i => i.State == Invitations.InvitationState.Accepted && i.Kind != Invitations.InvitationKind.Member, ct),
            await db.Invitations.CountAsync(i => i.State == Invitations.InvitationState.Sent && i.ExpiresAt > now && i.ExpiresAt <= soon, ct),
            await db.Invitations.CountAsync(i => i.FailedVerifications >= Invitations.Invitation.LockAfterFailures || i.VerificationCount >= many, ct));
    }

    private static async Task<AgentConnectionsCounts> AgentConnectionsAsync(PortalDbContext db, CancellationToken ct)
    {
        ConnectionState[] underWay = [ConnectionState.Invited, ConnectionState.Requested, ConnectionState.Responded];
        return new AgentConnectionsCounts(
            await db.Agencies.CountAsync(ct),
            await db.AgentConnections.CountAsync(c => underWay.Contains(c.State), ct),
            await db.AgentConnections.CountAsync(c => c.State == ConnectionState.Abandoned, ct),
            await db.AgentMessages.CountAsync(m => m.Delivery == DeliveryState.Queued, ct));
    }

    /// <summary>Pricing's queues: per enabled group a range count on the (GroupId, ActiveAt) index, never a walk of every price.</summary>
    private async Task<Pricing.PricingCounts> PricingAsync(PortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var soon = now.AddDays(7);
        var enabled = db.PricingGroups.Where(g => g.DisabledAt == null);
        return new Pricing.PricingCounts(
            await enabled.CountAsync(ct),
            await enabled.SumAsync(g => db.Set<Price>().Count(p => p.GroupId == g.Id && p.ActiveAt > now && p.ActiveAt <= soon && p.CancelledAt == null), ct),
            await db.Organisations.CountAsync(o => db.Set<PricingGroup>().Any(g => g.Id == o.PricingGroupId && g.DisabledAt != null), ct));
    }
}
