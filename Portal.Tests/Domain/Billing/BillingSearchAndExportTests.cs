using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Billing;

/// <summary>Billing in the command palette (invoices by number, plans by code or name) and the lists' CSV export of the filter.</summary>
public sealed class BillingSearchAndExportTests : IAsyncLifetime
{
    private TestStore _store = default!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
        await _store.AddPlanAsync(BillingTestData.Monthly("starter", 1900));
        foreach (var name in new[] { "Alder Farm", "Birch Farm" })
        {
            var org = await _store.AddOrganisationAsync(name);
            await _store.AddCardAsync(org);
            await _store.SubscribeAsync(org, "starter");
        }
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private ISearchSource Source(string area) => _store.Services.GetServices<ISearchSource>().Single(s => s.Area == area);

    [Fact]
    public async Task Invoices_AreFoundByTheirNumber_WholeFirst_AndPlansByCodeOrName()
    {
        var whole = await Source("Invoices").SearchAsync("inv-2026-000002", 10, default);
        Assert.Equal("INV-2026-000002", Assert.Single(whole).Title);
        var start = await Source("Invoices").SearchAsync("INV-2026-0000", 10, default);
        Assert.Equal(["INV-2026-000001", "INV-2026-000002"], start.Select(h => h.Title));
        Assert.Empty(await Source("Invoices").SearchAsync("Alder", 10, default));
        Assert.Equal("starter", Assert.Single(await Source("Plans").SearchAsync("STAR", 10, default)).Title);

        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Source("Invoices").SearchAsync("INV", 10, default));
    }

    [Fact]
    public async Task TheCsvExport_HoldsExactlyTheFilteredRows()
    {
        using var invoices = new MemoryStream();
        await _store.Get<InvoiceService>().ExportAsync(new InvoiceQuery { Q = "Alder", Sort = "number" }, invoices);
        var lines = Encoding.UTF8.GetString(invoices.ToArray()).Trim().Split('\n');
        Assert.Equal(2, lines.Length); // the header and Alder's one invoice
        Assert.StartsWith("number,organisation,status", lines[0]);
        Assert.Contains("Alder Farm", lines[1]);

        using var subscriptions = new MemoryStream();
        await _store.Get<SubscriptionService>().ExportAsync(new SubscriptionQuery { Status = SubscriptionStatus.Active }, subscriptions);
        Assert.Equal(3, Encoding.UTF8.GetString(subscriptions.ToArray()).Trim().Split('\n').Length);
    }
}
