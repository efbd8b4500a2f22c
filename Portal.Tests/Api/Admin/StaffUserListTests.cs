using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Admin;

/// <summary>An app holding exactly the 30 staff users of <see cref="SeededStaff"/> and nothing else.</summary>
public sealed class SeededStaffFixture : IAsyncLifetime
{
    public PortalApiFactory Factory { get; } = new();
    public List<StaffUserRow> Users { get; } = [];
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        for (var i = 0; i < SeededStaff.Names.Length; i++)
        {
            var user = await Factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().CreateAsync(new CreateStaffUser
            {
                Email = $"seed{i:D2}@list.example",
                DisplayName = SeededStaff.Names[i],
                Roles = SeededStaff.RolesOf(i),
                Password = ApiTestExtensions.StrongPassword,
            }));
            Users.Add(user);
        }
        // Disabled only once all exist: the last active Admin cannot be disabled.
        for (var i = 0; i < Users.Count; i++)
        {
            if (!SeededStaff.IsDisabled(i)) continue;
            var user = Users[i];
            Users[i] = await Factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().SetDisabledAsync(user.Id, true, user.Version));
        }
        Admin = await Factory.ClientWithRoleAsync(Roles.Admin);
    }

    public Task DisposeAsync()
    {
        Admin?.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public static class SeededStaff
{
    /// <summary>Deliberately not in alphabetical order; three contain "quinn" in different cases and places.</summary>
    public static readonly string[] Names =
    [
        "Mila Novak", "Aaron Quinn", "Zoe Park", "Bruno Diaz", "Ines Moreau", "Chen Wei", "Yusuf Kaya", "Dana Scully",
        "Xavier Roux", "Elena Petrova", "Wim de Vries", "Farah Khan", "Victor Hugo", "Greta Lind", "Uma Rao",
        "Hugo Quinnell", "Tariq Aziz", "Ivy Chen", "Sara Berg", "Jonas Weber", "Rosa Parks", "Kai Tanaka",
        "QUINN Harper", "Lena Vogel", "Omar Said", "Mateo Silva", "Nora Lund", "Pia Holm", "Ada King", "Bea Ortiz",
    ];

    public static List<string> RolesOf(int i) => (i % 3) switch
    {
        0 => [Roles.Admin],
        1 => [Roles.Staff, Roles.Viewer],
        _ => [Roles.Warehouse],
    };

    public static bool IsDisabled(int i) => i % 5 == 0;
}

/// <summary>GET /api/v1/staff-users: paging, sorting, filters and search run in SQL and agree with the data.</summary>
public sealed class StaffUserListTests(SeededStaffFixture seeded) : IClassFixture<SeededStaffFixture>
{
    private const string Url = "/api/v1/staff-users";

    private async Task<PagedResult<StaffUserRow>> ListAsync(string query)
    {
        var response = await seeded.Admin.GetAsync($"{Url}?{query}");
        return await response.ReadAsync<PagedResult<StaffUserRow>>();
    }

    private static List<string> Ordinal(IEnumerable<string> names, bool descending)
    {
        var list = names.ToList();
        list.Sort(string.CompareOrdinal);
        if (descending) list.Reverse();
        return list;
    }

    [Fact]
    public async Task Defaults_ToFirstPageOf25_WithTheTotal()
    {
        var page = await ListAsync("");

        Assert.Equal(1, page.Page);
        Assert.Equal(ListQuery.DefaultPageSize, page.PageSize);
        Assert.Equal(30, page.Total);
        Assert.Equal(25, page.Items.Count);
    }

    [Fact]
    public async Task DefaultSort_IsByEmail()
    {
        var page = await ListAsync("pageSize=200");

        Assert.Equal(seeded.Users.Select(u => u.Email).Order(StringComparer.Ordinal), page.Items.Select(u => u.Email));
    }

    [Fact]
    public async Task LastPage_HoldsTheRemainder()
    {
        var page = await ListAsync("page=5&pageSize=7");

        Assert.Equal(5, page.Page);
        Assert.Equal(7, page.PageSize);
        Assert.Equal(30, page.Total);
        Assert.Equal(2, page.Items.Count);
    }

    [Fact]
    public async Task PageBeyondTheEnd_IsEmptyButKeepsTheTotal()
    {
        var page = await ListAsync("page=9&pageSize=10");

        Assert.Empty(page.Items);
        Assert.Equal(30, page.Total);
    }

    [Fact]
    public async Task SortByDisplayName_OrdersEveryPage_AndPagesNeitherRepeatNorSkip()
    {
        var walked = new List<string>();
        for (var p = 1; p <= 5; p++)
            walked.AddRange((await ListAsync($"sort=displayName&page={p}&pageSize=7")).Items.Select(u => u.DisplayName));

        Assert.Equal(Ordinal(SeededStaff.Names, descending: false), walked);
    }

    [Fact]
    public async Task SortByDisplayNameDescending_ReversesTheOrder()
    {
        var page = await ListAsync("sort=-displayName&pageSize=200");

        Assert.Equal(Ordinal(SeededStaff.Names, descending: true), page.Items.Select(u => u.DisplayName));
    }

    [Theory]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("-lastSignInAt")]
    [InlineData("email,-displayName")]
    [InlineData("DISPLAYNAME")]
    public async Task EveryDocumentedSortField_Works(string sort)
    {
        var page = await ListAsync($"sort={sort}&pageSize=200");

        Assert.Equal(30, page.Items.Count);
    }

    [Fact]
    public async Task SortByCreatedAtDescending_PutsTheNewestFirst()
    {
        var page = await ListAsync("sort=-createdAt&pageSize=200");

        var expected = seeded.Users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id).Select(u => u.Id);
        Assert.Equal(expected, page.Items.Select(u => u.Id));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Warehouse)]
    public async Task RoleFilter_ReturnsExactlyTheUsersInThatRole(string role)
    {
        var page = await ListAsync($"role={role}&pageSize=200");

        var expected = Enumerable.Range(0, 30).Where(i => SeededStaff.RolesOf(i).Contains(role)).Select(i => $"seed{i:D2}@list.example");
        Assert.Equal(expected.Order(StringComparer.Ordinal), page.Items.Select(u => u.Email));
        Assert.Equal(expected.Count(), page.Total);
        Assert.All(page.Items, u => Assert.Contains(role, u.Roles));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DisabledFilter_ReturnsOnlyUsersInThatState(bool disabled)
    {
        var page = await ListAsync($"disabled={disabled.ToString().ToLowerInvariant()}&pageSize=200");

        var expected = Enumerable.Range(0, 30).Count(i => SeededStaff.IsDisabled(i) == disabled);
        Assert.Equal(expected, page.Total);
        Assert.Equal(expected, page.Items.Count);
        Assert.All(page.Items, u => Assert.Equal(disabled, u.IsDisabled));
    }

    [Fact]
    public async Task Filters_Combine()
    {
        var page = await ListAsync("role=Admin&disabled=true&pageSize=200");

        // Admins are i % 3 == 0, disabled are i % 5 == 0: i = 0, 15.
        Assert.Equal(["seed00@list.example", "seed15@list.example"], page.Items.Select(u => u.Email));
    }

    [Fact]
    public async Task Search_MatchesDisplayNameCaseInsensitively()
    {
        var page = await ListAsync("q=quinn&sort=displayName");

        Assert.Equal(["Aaron Quinn", "Hugo Quinnell", "QUINN Harper"], page.Items.Select(u => u.DisplayName));
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task Search_MatchesEmail()
    {
        var page = await ListAsync("q=seed07@");

        Assert.Equal("seed07@list.example", Assert.Single(page.Items).Email);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("nobody-is-called-this")]
    public async Task Search_TreatsWildcardsLiterally(string q)
    {
        var page = await ListAsync($"q={Uri.EscapeDataString(q)}");

        Assert.Equal(0, page.Total);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Search_CombinesWithPaging()
    {
        var page = await ListAsync("q=list.example&page=2&pageSize=20");

        Assert.Equal(30, page.Total);
        Assert.Equal(10, page.Items.Count);
    }

    [Theory]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("sort=bogus", "sort")]
    [InlineData("sort=displayName,passwordHash", "sort")]
    [InlineData("role=Emperor", "role")]
    public async Task InvalidListParameters_Are400ByField(string query, string field)
    {
        var response = await seeded.Admin.GetAsync($"{Url}?{query}");

        await response.ShouldHaveFieldErrorsAsync(field);
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("disabled=maybe")]
    public async Task UnparseableListParameters_Are400Problem(string query)
    {
        var response = await seeded.Admin.GetAsync($"{Url}?{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SearchTextLongerThan200_Is400OnQ()
    {
        var response = await seeded.Admin.GetAsync($"{Url}?q={new string('a', 201)}");

        await response.ShouldHaveFieldErrorsAsync("q");
    }
}
