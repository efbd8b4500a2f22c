using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Common;

/// <summary>Rule 5: no lost updates. Every save bumps Version; a stale one is refused.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Version_IncrementsOnEverySave()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<StaffUserService>();

        var created = await service.CreateAsync(DomainData.NewStaffUser());
        var renamed = await service.UpdateAsync(created.Id, new UpdateStaffUser { DisplayName = "G. Hopper", Roles = [Roles.Staff], Version = created.Version });
        var regranted = await service.UpdateAsync(created.Id, new UpdateStaffUser { DisplayName = "G. Hopper", Roles = [Roles.Viewer], Version = renamed.Version });
        var disabled = await service.SetDisabledAsync(created.Id, true, regranted.Version);

        Assert.Equal([1L, 2L, 3L, 4L], new[] { created.Version, renamed.Version, regranted.Version, disabled.Version });
        Assert.Equal(4, (await store.LoadStaffUserAsync(created.Id)).Version);
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsConcurrencyErrorAndChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<StaffUserService>();
        var read = await service.CreateAsync(DomainData.NewStaffUser());
        var byColleague = await service.UpdateAsync(read.Id, new UpdateStaffUser { DisplayName = "Colleague's edit", Roles = [Roles.Staff], Version = read.Version });

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() => service.UpdateAsync(read.Id,
            new UpdateStaffUser { DisplayName = "My edit", Roles = [Roles.Admin], Version = read.Version }));

        Assert.Equal(read.Version, ex.ExpectedVersion);
        Assert.Equal(byColleague.Version, ex.CurrentVersion);
        var now = await service.GetAsync(read.Id);
        Assert.Equal("Colleague's edit", now.DisplayName);
        Assert.Equal([Roles.Staff], now.Roles);
        Assert.Equal(byColleague.Version, now.Version);
    }

    [Fact]
    public async Task Disable_WithStaleVersion_IsConcurrencyErrorAndChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<StaffUserService>();
        var read = await service.CreateAsync(DomainData.NewStaffUser());
        await service.UpdateAsync(read.Id, new UpdateStaffUser { DisplayName = "Renamed", Roles = [Roles.Staff], Version = read.Version });

        await Assert.ThrowsAsync<ConcurrencyException>(() => service.SetDisabledAsync(read.Id, true, read.Version));

        Assert.False((await store.LoadStaffUserAsync(read.Id)).IsDisabled);
    }

    [Fact]
    public async Task SaveChanges_AfterSomeoneElseSavedTheSameRow_IsConcurrencyError()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<StaffUserService>();
        var created = await service.CreateAsync(DomainData.NewStaffUser());

        await using var mine = await store.DbAsync();
        var myCopy = await mine.Users.SingleAsync(u => u.Id == created.Id);
        var theirs = await service.UpdateAsync(created.Id, new UpdateStaffUser { DisplayName = "Their edit", Roles = [Roles.Staff], Version = created.Version });
        myCopy.DisplayName = "My edit";

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() => mine.SaveChangesAsync());

        Assert.Equal(created.Version, ex.ExpectedVersion);
        Assert.Equal(theirs.Version, ex.CurrentVersion);
        Assert.Equal(nameof(StaffUser), ex.Entity);
        var stored = await store.LoadStaffUserAsync(created.Id);
        Assert.Equal("Their edit", stored.DisplayName);
        Assert.Equal(theirs.Version, stored.Version);
    }

    [Fact]
    public async Task SaveChanges_OfARowDeletedMeanwhile_IsConcurrencyError()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var created = await store.Get<StaffUserService>().CreateAsync(DomainData.NewStaffUser());

        await using var mine = await store.DbAsync();
        var myCopy = await mine.Users.SingleAsync(u => u.Id == created.Id);
        await using (var other = await store.DbAsync())
            await other.Users.Where(u => u.Id == created.Id).ExecuteDeleteAsync();
        myCopy.DisplayName = "My edit";

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() => mine.SaveChangesAsync());

        Assert.Equal(-1, ex.CurrentVersion);
    }
}
