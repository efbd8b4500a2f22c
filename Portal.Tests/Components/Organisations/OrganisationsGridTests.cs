using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>The organisations list asks the server for exactly what its URL's filters and sort say.</summary>
public sealed class OrganisationsGridTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Orgs.CreateAsync("Aardvark BV", "NL", OrganisationStatus.Active, vetted: true);
        await Orgs.CreateAsync("Zeeland Foods", "NL", OrganisationStatus.Active);
        await Orgs.CreateAsync("Molen BV", "NL", OrganisationStatus.Active, vetted: true);
        await Orgs.CreateAsync("Polder Pending", "NL");
        await Orgs.CreateAsync("Dijk Suspended", "NL", OrganisationStatus.Suspended);
        await Orgs.CreateAsync("London Active Ltd", "GB", OrganisationStatus.Active);
    }

    private static List<string> Names(IRenderedComponent<Features.Organisations.Organisations> cut) =>
        cut.FindAll("tbody a.row-link").Select(a => a.TextContent.Trim()).ToList();

    private IRenderedComponent<Features.Organisations.Organisations> RenderAt(string url)
    {
        RenderDialogProvider();
        Navigation.NavigateTo(url);
        return Render<Features.Organisations.Organisations>();
    }

    [Fact]
    public void Shows_only_the_status_and_country_in_the_url_in_its_sort_order()
    {
        var cut = RenderAt("/organisations?status=Active&country=NL&sort=-name");

        cut.WaitForAssertion(() => Assert.Equal(["Zeeland Foods", "Molen BV", "Aardvark BV"], Names(cut)), Wait);
        Assert.Equal("-name", QueryValue("sort"));
        Assert.Contains("Olive Owner", cut.Find("tbody").TextContent);
    }

    [Fact]
    public void Vetted_and_search_in_the_url_narrow_the_rows()
    {
        var cut = RenderAt("/organisations?vetted=true&q=bv");

        cut.WaitForAssertion(() => Assert.Equal(["Aardvark BV", "Molen BV"], Names(cut)), Wait);
    }

    [Fact]
    public async Task A_module_in_the_url_lists_the_organisations_that_have_it_on()
    {
        var molen = (await Orgs.ListAsync(new OrganisationQuery { Q = "Molen" })).Items.Single();
        await Services.GetRequiredService<OrganisationModuleService>().SwitchOnAsync(molen.Id, "trading", molen.Version);

        var cut = RenderAt("/organisations?module=trading");

        cut.WaitForAssertion(() => Assert.Equal(["Molen BV"], Names(cut)), Wait);
        Assert.Contains("Trading", cut.FindAll(".mud-select").First(s => s.TextContent.Contains("Module")).TextContent);
    }

    [Fact]
    public void Without_a_query_lists_everything_by_name()
    {
        var cut = RenderAt("/organisations");

        cut.WaitForAssertion(() => Assert.Equal(
            ["Aardvark BV", "Dijk Suspended", "London Active Ltd", "Molen BV", "Polder Pending", "Zeeland Foods"], Names(cut)), Wait);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "New organisation");
    }

    [Fact]
    public void A_viewer_can_read_the_list_but_is_not_offered_new_organisation()
    {
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");

        var cut = RenderAt("/organisations");

        cut.WaitForAssertion(() => Assert.Equal(6, Names(cut).Count), Wait);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "New organisation");
    }

    [Fact]
    public void Prerendered_the_first_page_is_read_on_the_server()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = RenderAt("/organisations?status=Active&country=NL&sort=-name");

        Assert.Contains("Zeeland Foods", cut.Markup); // in the first page or, once loaded, the live grid
        cut.WaitForAssertion(() => Assert.Equal(["Zeeland Foods", "Molen BV", "Aardvark BV"], Names(cut)), Wait);
    }

    [Fact]
    public void Prerendered_a_bad_sort_in_the_address_does_not_break_the_page()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = RenderAt("/organisations?sort=password");

        Assert.Empty(cut.FindAll("[data-testid=organisations-first-page]"));
        cut.WaitForAssertion(() => Assert.Contains("No organisations match these filters.", cut.Markup), Wait);
        Assert.Contains("Cannot sort by 'password'", string.Join(" ", Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.Select(s => s.Message)));
    }
}
