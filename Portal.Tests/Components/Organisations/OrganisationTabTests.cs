using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>An organisation tab (OrganisationTab) reads its part again when the organisation's version moved, and only then.</summary>
public sealed class OrganisationTabTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private OrganisationContactService Contacts => Services.GetRequiredService<OrganisationContactService>();

    [Fact]
    public async Task A_tab_reads_its_part_again_when_the_version_moved_and_not_before()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var before = await Orgs.GetAsync(org.Id);
        RenderDialogProvider();
        var cut = Render<OrganisationContacts>(p => p.Add(t => t.Details, before));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#addresses-heading")), Wait);

        // Someone adds an address: the organisation's version moves.
        await Contacts.AddAddressAsync(org.Id, new AddressFields { Line1 = "1 Orchard Lane", City = "Chichester", Postcode = "PO18 9JP" }, before.Organisation.Version);

        cut.Render(p => p.Add(t => t.Details, before)); // the page renders again with the version it had
        Assert.DoesNotContain("1 Orchard Lane", cut.Markup);

        var after = await Orgs.GetAsync(org.Id);
        cut.Render(p => p.Add(t => t.Details, after)); // the page has read the organisation again
        cut.WaitForAssertion(() => Assert.Contains("1 Orchard Lane", cut.Markup), Wait);
    }
}
