using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>The Subscription tab of /organisations/{id}: subscriptions with their actions, cards and recent invoices.</summary>
public sealed class OrganisationSubscriptionTab(IPage page) : PortalPage(page)
{
    public ILocator Subscription => Page.GetByTestId("subscription");
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    public async Task<OrganisationSubscriptionTab> OpenAsync()
    {
        await new OrganisationDetailPage(Page).Tab("Subscription").SelectTabAsync();
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Payment methods" })).ToBeAttachedAsync();
        return this;
    }

    /// <summary>Opens the dialog's plan select and picks the plan whose option starts with <paramref name="name"/>.</summary>
    public async Task ChoosePlanAsync(string name)
    {
        await Dialog.Locator(".mud-select").First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(name)} —") }).ClickAsync();
    }

    public async Task SubscribeAsync(string plan, int licences)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await ChoosePlanAsync(plan);
        await Dialog.GetByLabel("Licences").FillAsync(licences.ToString());
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
    }
}
