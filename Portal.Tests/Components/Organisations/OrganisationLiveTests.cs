using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.LiveUpdates;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Components.Organisations;

/// <summary>
/// The organisation page live: who else has it open (chips, "editing"), and a save by someone else shown on the page
/// without touching a form the user has open.
/// </summary>
public sealed class OrganisationLiveTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private PresenceTracker Presence => Services.GetRequiredService<PresenceTracker>();

    private IRenderedComponent<MudBlazor.MudDialogProvider> _dialogs = default!;

    private IRenderedComponent<OrganisationDetail> RenderFor(Guid id)
    {
        _dialogs = RenderDialogProvider();
        var cut = Render<OrganisationDetail>(p => p.Add(d => d.Id, id));
        cut.WaitForElement(".page-actions");
        return cut;
    }

    private static List<string> Chips(IRenderedComponent<OrganisationDetail> cut) =>
        cut.FindAll("[data-testid=presence-chip]").Select(c => c.TextContent.Trim().Replace("\n", " ")).Select(t => string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();

    /// <summary>Runs <paramref name="work"/> as another staff user in a scope of their own (another circuit or an API call).</summary>
    private async Task<T> AsAnotherAsync<T>(string email, Func<OrganisationService, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal = TestStore.Principal(Guid.CreateVersion7(), Roles.Staff, email);
        return await work(scope.ServiceProvider.GetRequiredService<OrganisationService>());
    }

    private static UpdateOrganisation Renamed(OrganisationRow org, string name) => new()
    {
        Name = name, BillingEmail = org.BillingEmail, CountryCode = org.CountryCode, Version = org.Version,
    };

    [Fact]
    public async Task Others_who_have_it_open_show_as_chips_with_their_names_and_editing_while_their_form_is_open()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var cut = RenderFor(org.Id);
        Assert.Empty(Chips(cut)); // the user alone: their own presence is not shown to them

        var bob = Guid.NewGuid();
        var bobsPage = Presence.Enter(nameof(Organisation), org.Id.ToString(), bob, "u-bob", "Bob Builder");
        cut.WaitForAssertion(() => Assert.Equal(["BB Bob Builder"], Chips(cut)), Wait);

        var bobsForm = Presence.Enter(nameof(Organisation), org.Id.ToString(), bob, "u-bob", "Bob Builder", editing: true);
        cut.WaitForAssertion(() => Assert.Equal(["BB Bob Builder · editing"], Chips(cut)), Wait);
        Assert.Contains("editing", cut.Find("[data-testid=presence-chip]").ClassName);

        bobsForm.Dispose();
        cut.WaitForAssertion(() => Assert.Equal(["BB Bob Builder"], Chips(cut)), Wait);
        bobsPage.Dispose();
        cut.WaitForAssertion(() => Assert.Empty(Chips(cut)), Wait);
    }

    [Fact]
    public async Task The_page_and_its_open_edit_form_count_as_present_and_editing_and_leaving_clears_it()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var cut = RenderFor(org.Id);
        var id = org.Id.ToString();
        cut.WaitForAssertion(() => Assert.Equal([(AdminEmail, false)], Presence.Viewers(nameof(Organisation), id).Select(v => (v.Name, v.Editing))), Wait);

        await cut.InvokeAsync(() => cut.FindAll(".page-actions button").First(b => b.TextContent.Trim() == "Edit").Click());
        cut.WaitForAssertion(() => Assert.True(Presence.Viewers(nameof(Organisation), id).Single().Editing), Wait);

        await DisposeComponentsAsync(); // the user leaves the page (or the circuit ends)
        Assert.Empty(Presence.Viewers(nameof(Organisation), id));
    }

    [Fact]
    public async Task A_save_by_someone_else_is_shown_and_said_with_their_name()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var cut = RenderFor(org.Id);

        await AsAnotherAsync("bea@test.example", o => o.UpdateAsync(org.Id, Renamed(org, "Marden Holdings")));

        cut.WaitForAssertion(() => Assert.Equal("Marden Holdings", cut.Find("h1").TextContent.Trim()), Wait);
        Assert.Contains("bea@test.example changed this organisation", cut.Find("[data-testid=changed-elsewhere]").TextContent);
    }

    [Fact]
    public async Task The_users_own_save_is_not_announced_to_them()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var cut = RenderFor(org.Id);

        await Orgs.UpdateAsync(org.Id, Renamed(org, "Marden Holdings")); // as the signed-in Admin, say from another tab

        await Task.Delay(300);
        Assert.Empty(cut.FindAll("[data-testid=changed-elsewhere]"));
    }

    [Fact]
    public async Task An_open_form_keeps_what_the_user_typed_when_someone_else_saves()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var cut = RenderFor(org.Id);
        await cut.InvokeAsync(() => cut.FindAll(".page-actions button").First(b => b.TextContent.Trim() == "Edit").Click());
        var name = _dialogs.WaitForElement(".mud-dialog input");
        name.Input("Typed But Not Saved");

        await AsAnotherAsync("bea@test.example", o => o.UpdateAsync(org.Id, Renamed(org, "Marden Holdings")));

        cut.WaitForAssertion(() => Assert.Equal("Marden Holdings", cut.Find("h1").TextContent.Trim()), Wait);
        Assert.Contains("bea@test.example", cut.Find("[data-testid=changed-elsewhere]").TextContent);
        Assert.Equal("Typed But Not Saved", _dialogs.Find(".mud-dialog input").GetAttribute("value"));
    }
}
