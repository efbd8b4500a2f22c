using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>Bulk changes on the organisations list: offered to those who may write, counted before, reported after.</summary>
public sealed class BulkChangeTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Orgs.CreateAsync("Aardvark BV", "NL", OrganisationStatus.Active);
        await Orgs.CreateAsync("Molen BV", "NL", OrganisationStatus.Active);
        await Orgs.CreateAsync("Polder Pending", "NL");
        await Orgs.CreateAsync("London Active Ltd", "GB", OrganisationStatus.Active);
    }

    private IRenderedComponent<Features.Organisations.Organisations> RenderAt(string url)
    {
        RenderDialogProvider();
        Navigation.NavigateTo(url);
        return Render<Features.Organisations.Organisations>();
    }

    [Fact]
    public void The_bulk_bar_counts_what_the_filter_selects_then_what_is_picked()
    {
        var cut = RenderAt("/organisations?status=Active&country=NL");

        cut.WaitForAssertion(() => Assert.Contains("2 organisations match the filters", cut.Find("[data-testid=bulk-bar]").TextContent), Wait);
        Assert.Contains("Change all matching", cut.Find("[data-testid=bulk-bar]").TextContent);

        cut.FindAll("tbody .mud-checkbox input")[0].Change(true);

        cut.WaitForAssertion(() => Assert.Contains("1 selected", cut.Find("[data-testid=bulk-bar]").TextContent), Wait);
        Assert.Contains("Change selected", cut.Find("[data-testid=bulk-bar]").TextContent);
    }

    [Fact]
    public void A_viewer_is_offered_no_bulk_changes_and_no_row_selection()
    {
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");

        var cut = RenderAt("/organisations");

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("tbody a.row-link").Count), Wait);
        Assert.Empty(cut.FindAll("[data-testid=bulk-bar]"));
        Assert.Empty(cut.FindAll("tbody .mud-checkbox"));
    }

    [Fact]
    public async Task Suspending_everything_matching_asks_for_a_reason_then_reports_what_it_did()
    {
        var provider = RenderDialogProvider();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<BulkChangeDialog>
        {
            { d => d.Action, BulkOrganisationAction.Suspend }, { d => d.Filter, new OrganisationQuery { Country = "NL" } }, { d => d.Count, 3 },
        };
        await provider.InvokeAsync(() => dialogs.ShowAsync<BulkChangeDialog>("Suspend organisations", parameters));
        provider.WaitForAssertion(() => Assert.Contains("Suspend all 3 organisations that match the current filters?", provider.Find("[data-testid=bulk-summary]").TextContent), Wait);

        Button(provider, "Suspend 3 organisations").Click();
        provider.WaitForAssertion(() => Assert.Contains("Say why", FieldText(InputLabelled(provider, "Reason"))), Wait);
        Assert.Equal(3, (await Orgs.ListAsync(new OrganisationQuery { Status = OrganisationStatus.Active })).Total);

        InputLabelled(provider, "Reason").Input("Card payments failing");
        Button(provider, "Suspend 3 organisations").Click();

        provider.WaitForAssertion(() => Assert.Contains("Suspended 2 of 3 organisations.", provider.Find("[data-testid=bulk-result]").TextContent), Wait);
        Assert.Contains("1 not active, so they cannot be suspended (e.g. Polder Pending)", provider.Find(".bulk-skips").TextContent);
        Assert.Equal(["London Active Ltd"], (await Orgs.ListAsync(new OrganisationQuery { Status = OrganisationStatus.Active })).Items.Select(o => o.Name));
    }
}
