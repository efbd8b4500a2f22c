using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>The Modules tab: switching a module on shows since when and by whom; switching off asks first.</summary>
public sealed class ModulesTabTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private OrganisationModuleService Modules => Services.GetRequiredService<OrganisationModuleService>();

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<OrganisationDetail> Page) RenderFor(Guid id)
    {
        var dialogs = RenderDialogProvider();
        return (dialogs, Render<OrganisationDetail>(p => p.Add(d => d.Id, id)));
    }

    private static void OpenTab(IRenderedComponent<OrganisationDetail> cut, string name)
    {
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-tab"), t => t.TextContent.Trim() == name), Wait);
        cut.FindAll(".mud-tab").First(t => t.TextContent.Trim() == name).Click();
    }

    [Fact]
    public async Task Modules_SwitchingOnShowsSinceWhenAndByWhom_SwitchingOffAsksFirst()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var (dialogs, cut) = RenderFor(org.Id);
        OpenTab(cut, "Modules");
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll(".module-row").Count), Wait);
        IElement Trading() => cut.Find(".module-row[data-module=trading]");
        Assert.Contains("£49.00 a month", Trading().TextContent);
        Assert.Contains("Off", Trading().TextContent);

        await Trading().QuerySelector("input")!.ChangeAsync(new ChangeEventArgs { Value = true });

        cut.WaitForAssertion(() => Assert.Contains($"On since {DateTimeOffset.Now:d MMM yyyy} by {AdminEmail}", Trading().TextContent), Wait);
        Assert.Equal("£49.00", cut.Find("[data-testid=modules-total]").TextContent);

        // Off asks first; cancelling leaves it on, and the switch shows it.
        var switching = Trading().QuerySelector("input")!.ChangeAsync(new ChangeEventArgs { Value = false }); // waits for the answer
        dialogs.WaitForAssertion(() => Assert.Contains("Switch off Trading?", dialogs.Find(".mud-dialog").TextContent), Wait);
        Button(dialogs, "Cancel").Click();
        await switching;
        cut.WaitForAssertion(() => Assert.True(Trading().QuerySelector("input")!.IsChecked()), Wait);
        Assert.True((await Modules.ListAsync(org.Id)).Modules.Single(m => m.Id == "trading").IsOn);

        switching = Trading().QuerySelector("input")!.ChangeAsync(new ChangeEventArgs { Value = false });
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")), Wait);
        Button(dialogs, "Switch off").Click();
        await switching;
        cut.WaitForAssertion(() => Assert.EndsWith("Off", Trading().TextContent.Trim()), Wait);
        Assert.False((await Modules.ListAsync(org.Id)).Modules.Single(m => m.Id == "trading").IsOn);
    }
}
