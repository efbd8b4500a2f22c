using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Features.Organisations;
using Portal.Tests.Components.Organisations;

namespace Portal.Tests.Components.Billing;

/// <summary>The organisation's Subscription tab: the subscription with its status and next invoice, and a plan change previewed before it is confirmed.</summary>
public sealed class SubscriptionTabTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private SubscriptionService Subscriptions => Services.GetRequiredService<SubscriptionService>();

    private async Task<(Guid Org, SubscriptionDetails Subscription)> SubscribedAsync()
    {
        var plans = Services.GetRequiredService<PlanService>();
        await plans.CreateAsync(new PlanFields { Code = "starter", Name = "Starter", PriceMinor = 1900, Currency = "GBP", ModuleIds = ["account"] });
        await plans.CreateAsync(new PlanFields { Code = "growth", Name = "Growth", PriceMinor = 4900, Currency = "GBP" });
        var org = await Orgs.CreateAsync("Acme Ltd");
        var cards = Services.GetRequiredService<PaymentMethodService>();
        await cards.AttachAsync(org.Id, new PaymentMethodFields { Brand = CardBrand.Visa, Last4 = "4242", ExpMonth = 12, ExpYear = DateTime.UtcNow.Year + 2, HolderName = "Ann" }, 0);
        return (org.Id, await Subscriptions.CreateAsync(org.Id, new SubscriptionItemsFields { PlanCode = "starter", Quantity = 2 }));
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<OrganisationDetail> Page) OpenTab(Guid org)
    {
        var dialogs = RenderDialogProvider();
        var cut = Render<OrganisationDetail>(p => p.Add(d => d.Id, org));
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-tab"), t => t.TextContent.Trim() == "Subscription"), Wait);
        cut.FindAll(".mud-tab").First(t => t.TextContent.Trim() == "Subscription").Click();
        return (dialogs, cut);
    }

    [Fact]
    public async Task TheTab_ShowsThePlanStatusPeriodAndTheNextInvoice_AndTheCard()
    {
        var (org, sub) = await SubscribedAsync();
        var (_, cut) = OpenTab(org);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=subscription]")), Wait);
        var card = cut.Find("[data-testid=subscription]");
        Assert.Contains("2 × Starter", card.TextContent);
        Assert.Contains("Active", card.TextContent);
        Assert.Contains(Portal.Features.Billing.BillingText.Day(sub.Subscription.CurrentPeriodEnd), card.TextContent);
        Assert.Equal("£45.60", card.QuerySelector("[data-testid=invoice-total]")!.TextContent.Trim()); // 2 × £19 + 20 % VAT
        Assert.Contains("Visa •••• 4242", cut.Find("[data-testid=card]").TextContent);
        Assert.Equal("£0.00", card.QuerySelector("[data-testid=credit-balance]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ACreditBalance_IsShown_AndTheNextInvoiceSaysWhatItUses()
    {
        var (org, sub) = await SubscribedAsync();
        await using (var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Domain.Store.PortalDbContext>>().CreateDbContextAsync())
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(db.Subscriptions.Where(s => s.Id == sub.Subscription.Id),
                s => s.SetProperty(x => x.CreditBalanceMinor, 1000));
        var (_, cut) = OpenTab(org);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=subscription]")), Wait);
        var card = cut.Find("[data-testid=subscription]");
        Assert.StartsWith("£10.00", card.QuerySelector("[data-testid=credit-balance]")!.TextContent.Trim());
        Assert.Equal("-£10.00", card.QuerySelector("[data-testid=credit-applied]")!.TextContent.Trim());
        Assert.Equal("£35.60", card.QuerySelector("[data-testid=amount-due]")!.TextContent.Trim()); // £45.60 less the credit
    }

    [Fact]
    public async Task ChangingThePlan_ShowsThePreviewFirst_AndConfirmingChangesIt()
    {
        var (org, sub) = await SubscribedAsync();
        var (dialogs, cut) = OpenTab(org);
        cut.WaitForAssertion(() => Button(cut, "Change plan"), Wait);

        Button(cut, "Change plan").Click();
        dialogs.WaitForAssertion(() => InputLabelled(dialogs, "Licences"), Wait);
        InputLabelled(dialogs, "Licences").Input("3");
        Button(dialogs, "Confirm change").Click(); // the first press shows the preview instead of saving

        dialogs.WaitForAssertion(() => Assert.Contains("Next invoice", dialogs.Find("[data-testid=change-preview]").TextContent), Wait);
        var preview = dialogs.Find("[data-testid=change-preview]");
        Assert.Contains("Proration credit", preview.TextContent);
        Assert.Contains("Proration charge", preview.TextContent);
        Assert.Equal(2, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Quantity); // nothing saved yet

        Button(dialogs, "Confirm change").Click();
        for (var i = 0; i < 50 && (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Quantity != 3; i++) await Task.Delay(100);
        Assert.Equal(3, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Quantity);
        cut.WaitForAssertion(() => Assert.Contains("3 × Starter", cut.Find("[data-testid=subscription]").TextContent), Wait);
    }

    [Fact]
    public async Task SwitchingCollection_AsksFirst_ThenSendsInvoices_AndSwitchesBack()
    {
        var (org, sub) = await SubscribedAsync();
        var (dialogs, cut) = OpenTab(org);
        cut.WaitForAssertion(() => Button(cut, "Send invoices instead"), Wait);
        Assert.Contains("Charged to the default card", cut.Find("[data-testid=subscription]").TextContent);

        Button(cut, "Send invoices instead").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("emailed to the billing address", dialogs.Markup), Wait);
        Assert.Equal(CollectionMethod.ChargeAutomatically, (await Subscriptions.GetAsync(sub.Subscription.Id)).Collection); // not before it is confirmed
        Button(dialogs, "Switch").Click();

        cut.WaitForAssertion(() => Button(cut, "Charge the card instead"), Wait);
        Assert.Contains("Invoice sent by email", cut.Find("[data-testid=subscription]").TextContent);
        Assert.Equal(CollectionMethod.SendInvoice, (await Subscriptions.GetAsync(sub.Subscription.Id)).Collection);

        Button(cut, "Charge the card instead").Click();
        dialogs.WaitForAssertion(() => Button(dialogs, "Switch"), Wait);
        Button(dialogs, "Switch").Click();
        cut.WaitForAssertion(() => Button(cut, "Send invoices instead"), Wait);
        Assert.Equal(CollectionMethod.ChargeAutomatically, (await Subscriptions.GetAsync(sub.Subscription.Id)).Collection);
    }
}
