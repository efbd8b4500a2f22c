using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>The Modules tab of /organisations/{id}: one switch per catalogue module.</summary>
public sealed class OrganisationModulesTab(IPage page) : PortalPage(page)
{
    public ILocator List => Page.GetByRole(AriaRole.List, new() { Name = "Modules" });

    public async Task<OrganisationModulesTab> OpenAsync()
    {
        await new OrganisationDetailPage(Page).Tab("Modules").SelectTabAsync();
        await Expect(List).ToBeVisibleAsync();
        return this;
    }

    public ILocator Module(string id) => Page.Locator($".module-row[data-module={id}]");

    public ILocator Switch(string name) => List.GetByLabel(name, new() { Exact = true });

    public async Task SwitchOnAsync(string id, string name)
    {
        await Switch(name).CheckAsync();
        await Expect(Module(id)).ToContainTextAsync("On since");
    }
}
