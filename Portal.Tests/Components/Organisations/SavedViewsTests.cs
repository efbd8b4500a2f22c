using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Organisations;
using Portal.Domain.SavedViews;

namespace Portal.Tests.Components.Organisations;

/// <summary>Saved views on the organisations list: the current filters saved under a name, and applied with one click.</summary>
public sealed class SavedViewsTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Orgs.CreateAsync("Aardvark BV", "NL", OrganisationStatus.Active);
        await Orgs.CreateAsync("Polder Pending", "NL");
        await Orgs.CreateAsync("London Active Ltd", "GB", OrganisationStatus.Active);
    }

    private SavedViewService Views => Services.GetRequiredService<SavedViewService>();

    private static List<string> Names(IRenderedComponent<Features.Organisations.Organisations> cut) =>
        cut.FindAll("tbody a.row-link").Select(a => a.TextContent.Trim()).ToList();

    private IRenderedComponent<Features.Organisations.Organisations> RenderAt(string url)
    {
        RenderDialogProvider();
        Navigation.NavigateTo(url);
        return Render<Features.Organisations.Organisations>();
    }

    [Fact]
    public async Task Clicking_a_saved_view_shows_its_filters_and_sort_and_writes_them_to_the_address()
    {
        await Views.SaveAsync(new SaveView { List = "organisations", Name = "Active, Z first", Query = "sort=-name&status=Active" });
        var cut = RenderAt("/organisations");
        cut.WaitForAssertion(() => Assert.Equal(3, Names(cut).Count), Wait);

        cut.FindAll("[data-testid=saved-views] .mud-chip").Single(c => c.TextContent.Contains("Active, Z first")).Click();

        cut.WaitForAssertion(() => Assert.Equal(["London Active Ltd", "Aardvark BV"], Names(cut)), Wait);
        Assert.Equal("Active", QueryValue("status"));
        Assert.Equal("-name", QueryValue("sort"));
        Assert.Contains("Active", cut.FindAll(".mud-select").First(s => s.TextContent.Contains("Status")).TextContent);
    }

    [Fact]
    public async Task Save_this_view_names_the_current_filters_and_needs_a_name()
    {
        var dialogs = RenderDialogProvider();
        Navigation.NavigateTo("/organisations?country=NL&sort=-createdAt&page=1");
        var cut = Render<Features.Organisations.Organisations>();
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Count), Wait);

        Button(cut, "Save this view").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")), Wait);
        Button(dialogs, "Save").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Name the view", FieldText(InputLabelled(dialogs, "Name"))), Wait);
        Assert.Empty(await Views.ListAsync("organisations"));

        InputLabelled(dialogs, "Name").Input("Dutch, newest first");
        Button(dialogs, "Save").Click();

        cut.WaitForAssertion(() => Assert.Contains("Dutch, newest first", cut.Find("[data-testid=saved-views]").TextContent), Wait);
        var saved = Assert.Single(await Views.ListAsync("organisations"));
        Assert.Equal("country=NL&sort=-createdAt", saved.Query);
    }
}
