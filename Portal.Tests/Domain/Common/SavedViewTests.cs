using Portal.Domain.Common;
using Portal.Domain.SavedViews;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Common;

/// <summary>Saved views belong to one person: saved, listed, replaced by name and deleted only by them.</summary>
public sealed class SavedViewTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private SavedViewService Views => _store.Get<SavedViewService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Viewer);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static SaveView View(string name, string query = "status=Pending") => new() { List = "organisations", Name = name, Query = query };

    [Fact]
    public async Task Saved_ListedByName_AndReplacedWhenSavedAgainUnderTheSameName()
    {
        await Views.SaveAsync(View("Pending NL", "?country=NL&status=Pending"));
        await Views.SaveAsync(View("Active", "status=Active"));
        await Views.SaveAsync(View("pending nl ", "country=NL&status=Pending&sort=-createdAt"));

        var views = await Views.ListAsync("organisations");

        Assert.Equal(["Active", "pending nl"], views.Select(v => v.Name));
        Assert.Equal("country=NL&status=Pending&sort=-createdAt", views[1].Query);
        Assert.Empty(await Views.ListAsync("staff-users"));
    }

    [Fact]
    public async Task OthersViews_AreNeitherListedNorDeletable()
    {
        var mine = await Views.SaveAsync(View("Mine"));
        _store.ActAs(Roles.Staff, email: "someone.else@test.example");

        Assert.Empty(await Views.ListAsync("organisations"));
        await Assert.ThrowsAsync<NotFoundException>(() => Views.DeleteAsync(mine.Id));
    }

    [Fact]
    public async Task Delete_RemovesMyView()
    {
        var view = await Views.SaveAsync(View("Short-lived"));

        await Views.DeleteAsync(view.Id);

        Assert.Empty(await Views.ListAsync("organisations"));
    }

    [Theory]
    [InlineData(" ", "organisations", "name")]
    [InlineData("This name is far too long for a chip on a list page, it goes on and on", "organisations", "name")]
    [InlineData("Fine", "secrets", "list")]
    public async Task BadInput_IsAFieldError(string name, string list, string field)
    {
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Views.SaveAsync(new SaveView { List = list, Name = name, Query = "" }));
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public async Task APersonHasAtMostThirtyViewsOfAList()
    {
        for (var i = 0; i < SavedView.MaxPerList; i++) await Views.SaveAsync(View($"View {i:00}"));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Views.SaveAsync(View("One more")));

        Assert.Contains("delete one first", error.Errors["name"][0]);
        await Views.SaveAsync(View("View 00", "status=Active")); // replacing one is still fine
    }
}
