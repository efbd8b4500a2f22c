using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Search;

/// <summary>The palette's mechanism: the sources a role may read, asked at once, each group as it arrives; the actions a role may use.</summary>
public sealed class PaletteSearchTests
{
    [Theory]
    [InlineData(Roles.Admin, new[] { "Organisations", "Business units", "Shipments", "Handling lists", "Invitations", "Pricing groups", "Invoices", "Plans", "Staff users", "API keys", "Agencies", "Agent connections" })]
    [InlineData(Roles.Staff, new[] { "Organisations", "Business units", "Shipments", "Handling lists", "Invitations", "Pricing groups", "Invoices", "Plans", "Agencies", "Agent connections" })]
    [InlineData(Roles.Viewer, new[] { "Organisations", "Business units", "Shipments", "Handling lists", "Invitations", "Pricing groups", "Invoices", "Plans", "Agencies", "Agent connections" })]
    [InlineData(Roles.Warehouse, new[] { "Shipments", "Handling lists" })]
    public async Task EachRole_IsAskedOnlyTheSourcesItMayRead(string role, string[] areas)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(role);
        var palette = store.Get<PaletteSearch>();

        Assert.Equal(areas, palette.Sources.Select(s => s.Area));
        Assert.Equal(areas, (await palette.SearchAllAsync("anything")).Select(g => g.Area));
    }

    [Theory]
    [InlineData(Roles.Admin, "New organisation", true)]
    [InlineData(Roles.Staff, "New organisation", true)]
    [InlineData(Roles.Viewer, "New organisation", false)]
    [InlineData(Roles.Warehouse, "New organisation", false)]
    [InlineData(Roles.Admin, "Go to Outbox", true)]
    [InlineData(Roles.Staff, "Go to Outbox", false)]
    [InlineData(Roles.Warehouse, "Pick", true)]
    [InlineData(Roles.Staff, "Pick", false)]
    [InlineData(Roles.Viewer, "Go to Shipments", true)]
    [InlineData(Roles.Warehouse, "Go to Organisations", false)]
    public async Task Actions_AreOfferedToTheRolesThatMayUseThem(string role, string action, bool offered)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(role);
        var palette = store.Get<PaletteSearch>();

        Assert.Equal(offered, palette.Actions(null).Any(a => a.Title == action));
        Assert.Equal(offered, palette.Actions(action).Any(a => a.Title == action));
    }

    [Theory]
    [InlineData("outbox", "Go to Outbox")]
    [InlineData("go out", "Go to Outbox")]
    [InlineData("mail", "Go to Outbox")]
    [InlineData("new org", "New organisation")]
    [InlineData("create", "New organisation")]
    public async Task Actions_AreFoundByTitleWordsOrKeywords(string text, string expected)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);

        Assert.Equal(expected, store.Get<PaletteSearch>().Actions(text).First().Title);
    }

    [Fact]
    public async Task EverySource_HasAPlaceOfItsOwn_SoTheGroupsKeepOneOrder()
    {
        await using var store = await TestStore.CreateAsync();

        var orders = store.Services.GetServices<ISearchSource>().GroupBy(s => s.Order).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => s.Area))}");

        Assert.Empty(orders);
    }

    [Fact]
    public async Task Groups_ArriveAsEachSourceAnswers_AllAskedAtOnce()
    {
        var slow = new GatedSource("Slow", 1);
        var fast = new GatedSource("Fast", 2);
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<ISearchSource>(slow).AddSingleton<ISearchSource>(fast));
        store.ActAs(Roles.Admin);

        var search = Task.Run(async () =>
        {
            var areas = new List<string>();
            await foreach (var group in store.Get<PaletteSearch>().SearchAsync("x"))
            {
                areas.Add(group.Area);
                if (group.Area == "Fast") slow.Answer.SetResult(); // the slow one answers only after the fast one's group is out
            }
            return areas;
        });
        // Both were asked before either answered: they run side by side.
        await slow.Asked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await fast.Asked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        fast.Answer.SetResult();

        var arrived = (await search.WaitAsync(TimeSpan.FromSeconds(10))).Where(a => a is "Fast" or "Slow");
        Assert.Equal(["Fast", "Slow"], arrived);
    }

    [Fact]
    public async Task Text_IsTrimmed_EmptyAsksNoOne_TooLongIsRefused()
    {
        var source = new GatedSource("Probe", 1);
        source.Answer.SetResult();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<ISearchSource>(source));
        store.ActAs(Roles.Viewer);
        var palette = store.Get<PaletteSearch>();

        Assert.Empty(await palette.SearchAllAsync("   "));
        Assert.Null(source.Text);
        await palette.SearchAllAsync("  oak  ");
        Assert.Equal("oak", source.Text);
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => palette.SearchAllAsync(new string('a', PaletteSearch.TextMaxLength + 1)));
        Assert.Contains("q", error.Errors.Keys);
    }

    [Fact]
    public async Task NoOneSignedIn_IsRefused()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAsAnonymous();

        await Assert.ThrowsAsync<ForbiddenException>(() => store.Get<PaletteSearch>().SearchAllAsync("oak"));
        Assert.Throws<ForbiddenException>(() => store.Get<PaletteSearch>().Actions(null));
    }

    /// <summary>A source that says when it was asked and answers when told to.</summary>
    private sealed class GatedSource(string area, int order) : ISearchSource
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? Text { get; private set; }
        public string Area => area;
        public int Order => order;
        public IReadOnlyList<string> Roles => Access.Any;

        public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
        {
            Text = text;
            Asked.TrySetResult();
            await Answer.Task.WaitAsync(ct);
            return [new SearchHit("Probe", text, "", "/", SearchRank.Exact)];
        }
    }
}
