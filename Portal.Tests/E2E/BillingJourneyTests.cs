using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Billing;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Billing in a browser: staff subscribe an organisation, preview and confirm a plan change, schedule a cancel; and each screen at both widths.</summary>
public sealed class BillingJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    private const string Staff = "staff@portal.test";

    /// <summary>An active organisation of its own with a card, so the demo data and other tests do not disturb it.</summary>
    private Task<Guid> ArrangeAsync(string name) => App.AsAdminAsync(async services =>
    {
        var orgs = services.GetRequiredService<OrganisationService>();
        var created = await orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = name, BillingEmail = "accounts@meadowbank.example", CountryCode = "GB" });
        await services.GetRequiredService<PaymentMethodService>().AttachAsync(created.Organisation.Id,
            new PaymentMethodFields { Brand = CardBrand.Visa, Last4 = "4242", ExpMonth = 12, ExpYear = DateTime.UtcNow.Year + 3, HolderName = "Mia Meadow" }, 0);
        return created.Organisation.Id;
    });

    [Fact]
    public async Task Staff_Subscribes_PreviewsAndConfirmsAPlanChange_AndSchedulesACancellation()
    {
        var orgId = await ArrangeAsync($"Meadowbank {Guid.NewGuid().ToString("N")[..6]}");
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs(Staff);
        await shell.OpenAsync($"/organisations/{orgId}");
        var tab = await new OrganisationSubscriptionTab(page).OpenAsync();

        await tab.SubscribeAsync("Starter", 2);
        await Expect(tab.Subscription).ToContainTextAsync("2 × Starter");
        await Expect(tab.Subscription).ToContainTextAsync("Active"); // the card's simulated charge paid the first invoice

        await tab.Subscription.GetByRole(AriaRole.Button, new() { Name = "Change plan" }).ClickAsync();
        await Expect(tab.Dialog).ToBeVisibleAsync();
        await tab.ChoosePlanAsync("Growth");
        await tab.Dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm change" }).ClickAsync(); // shows the preview first
        var preview = page.GetByTestId("change-preview");
        await Expect(preview).ToContainTextAsync("Proration credit");
        await Expect(preview).ToContainTextAsync("Proration charge");
        await Expect(preview).ToContainTextAsync("Next invoice");
        await tab.Dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm change" }).ClickAsync();
        await Expect(tab.Dialog).ToBeHiddenAsync();
        await Expect(tab.Subscription).ToContainTextAsync("2 × Growth");

        await tab.Subscription.GetByRole(AriaRole.Button, new() { Name = "Cancel at period end" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel at period end" }).ClickAsync();
        await Expect(tab.Subscription).ToContainTextAsync("Cancels");
        await Expect(tab.Subscription.GetByRole(AriaRole.Button, new() { Name = "Undo scheduled cancel" })).ToBeVisibleAsync();
        await Expect(tab.Subscription.GetByTestId("credit-balance")).ToContainTextAsync("£0.00");

        var subscription = await App.AsAdminAsync(async services =>
            (await services.GetRequiredService<SubscriptionService>().ForOrganisationAsync(orgId)).Single());
        Assert.True(subscription.CancelAtPeriodEnd);
        Assert.Equal(("Growth", 2, SubscriptionStatus.Active), (subscription.PlanName, subscription.Quantity, subscription.Status));

        // Someone else undoes the cancel: the tab reads it again (LiveRecord) and says so.
        await App.AsAdminAsync(services => services.GetRequiredService<SubscriptionService>().ResumeAsync(subscription.Id, subscription.Version));
        await Expect(tab.Subscription.GetByTestId("changed-elsewhere")).ToBeVisibleAsync();
        await Expect(tab.Subscription.GetByRole(AriaRole.Button, new() { Name = "Cancel at period end" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task EveryBillingScreen_RendersAtWidth(int width, int height)
    {
        var (orgId, invoiceId) = await App.AsAdminAsync(async services =>
        {
            var invoice = (await services.GetRequiredService<InvoiceService>().ListAsync(new InvoiceQuery { Status = InvoiceStatus.Paid, PageSize = 1 })).Items[0];
            return (invoice.OrganisationId, invoice.Id);
        });
        var page = await NewPageAsync(width, height);
        var shots = new List<string>();
        async Task Shot(string name) => shots.AddRange(await Screenshots.TakeAsync(page, $"billing-{name}", firstScreenToo: true));
        var shell = await new SignInPage(page).SignInAs(Staff);

        await shell.OpenAsync("/plans");
        await Expect(page.GetByRole(AriaRole.Table).GetByText("Growth (yearly)")).ToBeVisibleAsync();
        await Shot("plans");

        await page.GetByRole(AriaRole.Link, new() { Name = "Growth (yearly)", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("plan-offered")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "History" })).ToBeVisibleAsync();
        await Shot("plan");

        await shell.OpenAsync("/subscriptions");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await Shot("subscriptions");

        await shell.OpenAsync("/invoices");
        await Expect(page.GetByRole(AriaRole.Table).GetByText("INV-").First).ToBeVisibleAsync();
        await Shot("invoices");

        await shell.OpenAsync($"/invoices/{invoiceId}");
        await Expect(page.GetByTestId("invoice-status")).ToContainTextAsync("Paid");
        await Shot("invoice-detail");

        await shell.OpenAsync($"/invoices/{invoiceId}/print");
        await Expect(page.GetByTestId("invoice-print")).ToBeVisibleAsync();
        await Shot("invoice-print");

        await shell.OpenAsync($"/organisations/{orgId}");
        await new OrganisationSubscriptionTab(page).OpenAsync();
        await Expect(page.GetByTestId("subscription").First).ToBeVisibleAsync();
        await Shot("organisation-subscription");

        Assert.Equal(7 * 2, shots.Count);
    }
}
