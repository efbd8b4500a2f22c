using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api;
using Portal.Components.Shared;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Api;

/// <summary>
/// A list's filter has one set of key names: the API binds them, the list page keeps them in its address and its
/// export link is written with them (all through QueryKeys), and the OpenAPI document lists exactly them.
/// </summary>
public sealed class ListQueryKeysTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private static readonly OrganisationQuery EveryOrganisationFilter = new()
    {
        Q = "farm", Sort = "-name", Page = 3, PageSize = 50, Status = OrganisationStatus.Suspended, Country = "NL", Vetted = false,
        AccountManagerId = Guid.CreateVersion7(), Module = "trading",
    };

    private sealed class AddressBar : NavigationManager
    {
        public AddressBar(string uri) => Initialize("https://portal.test/", "https://portal.test" + uri);
        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }

    private static string QueryString<T>(T query) where T : ListQuery, new() =>
        QueryHelpers.AddQueryString("", QueryKeys<T>.Write(query).Where(k => k.Value is not null).Select(k => KeyValuePair.Create(k.Key, k.Value)));

    private static async Task<T> ApiBindsAsync<T>(string queryString) where T : ListQuery, new()
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(queryString);
        var bound = await ListRequest<T>.BindAsync(http, null!);
        return bound!.Query;
    }

    [Fact]
    public async Task An_organisation_filter_reads_back_the_same_through_the_api_binding_and_the_page_address()
    {
        var queryString = QueryString(EveryOrganisationFilter);

        Assert.Equal(EveryOrganisationFilter, await ApiBindsAsync<OrganisationQuery>(queryString));
        Assert.Equal(EveryOrganisationFilter, new GridUrlState(new AddressBar("/organisations" + queryString)).Query<OrganisationQuery>());
    }

    [Fact]
    public async Task The_export_link_uses_the_api_keys_and_the_api_reads_the_filter_from_it()
    {
        var url = new GridUrlState(new AddressBar("/organisations" + QueryString(EveryOrganisationFilter)));

        var link = url.LinkTo<OrganisationQuery>("/api/v1/organisations/export");

        Assert.StartsWith("/api/v1/organisations/export?", link);
        var query = link[link.IndexOf('?')..];
        var keys = QueryHelpers.ParseQuery(query).Keys;
        Assert.Subset(QueryKeys<OrganisationQuery>.Names.ToHashSet(), keys.ToHashSet());
        Assert.Equal(["accountManagerId", "country", "module", "q", "sort", "status", "vetted"], keys.Order());
        Assert.Equal(EveryOrganisationFilter with { Page = 1, PageSize = ListQuery.DefaultPageSize }, await ApiBindsAsync<OrganisationQuery>(query));
    }

    [Fact]
    public async Task The_page_still_reads_the_manager_key_of_saved_links_and_writes_accountManagerId()
    {
        var manager = Guid.CreateVersion7();
        var address = new AddressBar($"/organisations?manager={manager}&status=Active");
        var url = new GridUrlState(address);

        Assert.Equal(manager, url.Query<OrganisationQuery>().AccountManagerId);
        Assert.Equal(manager, (await ApiBindsAsync<OrganisationQuery>($"?manager={manager}")).AccountManagerId); // links to the API too

        url.SetFilter(url.Query<OrganisationQuery>() with { Country = "GB" });
        var written = QueryHelpers.ParseQuery(new Uri(address.Uri).Query);
        Assert.Equal(manager.ToString(), written["accountManagerId"].ToString());
        Assert.False(written.ContainsKey("manager"));
        Assert.Contains($"accountManagerId={manager}", url.LinkTo<OrganisationQuery>("/api/v1/organisations/export"));
    }

    [Fact]
    public async Task A_value_the_api_cannot_read_is_a_400_naming_its_key()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => ApiBindsAsync<OrganisationQuery>("?status=Sleeping&accountManagerId=bob"));
        Assert.Equal(["accountManagerId", "status"], ex.Errors.Keys.Order());
    }

    [Fact]
    public async Task The_page_address_of_an_account_manager_exports_that_managers_organisations()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var managerId = await factory.AsAdminAsync(async sp =>
        {
            var manager = await sp.GetRequiredService<StaffUserService>().CreateAsync(new CreateStaffUser
            {
                DisplayName = $"Manager {tag}", Email = $"manager-{tag}@test.example", Roles = [Roles.Staff], Password = "Correct-Horse-42",
            });
            var orgs = sp.GetRequiredService<OrganisationService>();
            foreach (var (name, managed) in new[] { ("Managed", true), ("Unmanaged", false) })
                await orgs.CreateAsync(new CreateOrganisation
                {
                    ConfirmedNotDuplicate = true,
                    Name = $"{tag} {name}", BillingEmail = "a@b.example", CountryCode = "NL", AccountManagerId = managed ? manager.Id : null,
                    Owner = new CreateMember { Email = $"{name}@{tag}.example", GivenName = "O" },
                });
            return manager.Id;
        });
        var page = new GridUrlState(new AddressBar($"/organisations?q={tag}&manager={managerId}")); // a link saved before the rename
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        var csv = await (await viewer.GetAsync(page.LinkTo<OrganisationQuery>("/api/v1/organisations/export"))).Content.ReadAsStringAsync();

        var rows = csv.Trim().Split('\n').Skip(1).ToList();
        Assert.Contains($"{tag} Managed", Assert.Single(rows));
    }

    public static TheoryData<string, string[]> ListEndpoints => new()
    {
        { "/api/v1/organisations", [.. QueryKeys<OrganisationQuery>.Names] },
        { "/api/v1/organisations/export", [.. QueryKeys<OrganisationQuery>.Names] },
        { "/api/v1/staff-users", [.. QueryKeys<StaffUserQuery>.Names] },
        { "/api/v1/staff-users/export", [.. QueryKeys<StaffUserQuery>.Names] },
        { "/api/v1/audit", [.. QueryKeys<AuditQuery>.Names] },
        { "/api/v1/api-keys", [.. QueryKeys<ApiKeyQuery>.Names] },
        { "/api/v1/organisations/{id}/invitations", [.. QueryKeys<InvitationQuery>.Names] },
    };

    [Theory]
    [MemberData(nameof(ListEndpoints))]
    public async Task The_api_reference_lists_exactly_the_filter_keys(string path, string[] keys)
    {
        using var anonymous = factory.CreateClient();
        var doc = await (await anonymous.GetAsync("/openapi/v1.json")).JsonAsync();

        var parameters = doc.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();

        Assert.Equal(keys.Order(), parameters.Order());
        Assert.Contains(doc.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "page" && p.GetProperty("schema").GetProperty("type").GetString() == "integer");
    }
}
