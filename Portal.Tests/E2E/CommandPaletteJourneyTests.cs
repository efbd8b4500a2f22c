using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>The command palette in a real browser: Ctrl+K, type, Enter, on a desktop and on a phone.</summary>
public sealed class CommandPaletteJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    private Task<Guid> ArrangeOrganisationAsync(string name, string number) => App.AsAdminAsync(async s =>
        (await s.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = name, BillingEmail = "accounts@palette.example", CountryCode = "GB", CompanyNumber = number,
        })).Organisation.Id);

    [Fact]
    public async Task CtrlK_FindsAnOrganisationByCompanyNumber_AndEnterOpensIt()
    {
        var id = await ArrangeOrganisationAsync("Palette Journey Mills", "PJ204060");
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs(SignInPage.Admin);
        await shell.OpenAsync("/shipments");

        var palette = await new CommandPalettePage(page).OpenWithKeyboardAsync();
        await palette.SearchAsync("PJ204060");

        await Expect(palette.Group("Organisations")).ToContainTextAsync("Palette Journey Mills");
        await Expect(palette.Selected).ToContainTextAsync("Palette Journey Mills");
        await Expect(palette.Selected).ToContainTextAsync("Organisation");
        await Screenshots.TakeAsync(page, "command-palette", fullPage: false);
        await palette.Box.PressAsync("Enter"); // in the box, where the person typed (a screenshot may have taken the page's focus)

        await page.WaitForURLAsync($"**/organisations/{id}");
        await Expect(shell.Heading).ToHaveTextAsync("Palette Journey Mills");
        await Expect(palette.Dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ArrowsAndEscape_WorkWithoutAMouse()
    {
        await ArrangeOrganisationAsync("Palette Arrows Alpha", "PA100001");
        await ArrangeOrganisationAsync("Palette Arrows Beta", "PA100002");
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs(SignInPage.Admin);
        await shell.OpenAsync("/");

        var palette = await new CommandPalettePage(page).OpenWithKeyboardAsync();
        await palette.SearchAsync("palette arrows");
        await Expect(palette.Selected).ToContainTextAsync("Palette Arrows Alpha");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(palette.Selected).ToContainTextAsync("Palette Arrows Beta");
        await Expect(palette.Box).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Escape");

        await Expect(palette.Dialog).ToHaveCountAsync(0);
        await Expect(shell.Heading).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OnAPhone_TheSearchButtonOpensIt_AndItFits()
    {
        var id = await ArrangeOrganisationAsync("Palette Phone Bakery Partnership Limited", "PP390390");
        var page = await NewPageAsync(390, 844);
        var shell = await new SignInPage(page).SignInAs(SignInPage.Admin);
        await shell.OpenAsync("/");

        var palette = await new CommandPalettePage(page).OpenWithButtonAsync();
        await palette.SearchAsync("pp390390");
        await Expect(palette.Selected).ToContainTextAsync("Palette Phone Bakery Partnership Limited");
        await Screenshots.TakeAsync(page, "command-palette", fullPage: false);

        await palette.Selected.ClickAsync();
        await page.WaitForURLAsync($"**/organisations/{id}");
    }
}
