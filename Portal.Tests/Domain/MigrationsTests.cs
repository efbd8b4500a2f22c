using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;

namespace Portal.Tests.Domain;

public sealed class MigrationsTests
{
    [Fact]
    public async Task Model_HasNoChangesThatNoMigrationCovers()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = await store.DbAsync();
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changed since the last migration: run `dotnet ef migrations add <Name> --project Portal.Domain --startup-project Portal.Domain --output-dir Migrations`.");
    }

    [Fact]
    public async Task Migrations_AreAllApplied_OnAFreshStore()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = await store.DbAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(4, await db.Roles.CountAsync());
    }
}
