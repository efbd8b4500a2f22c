using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain;

public sealed class MigrationsTests
{
    /// <summary>A context of <paramref name="provider"/> that never connects: the model and the migrations are enough.</summary>
    private static PortalDbContext Offline(DatabaseProvider provider) => new(new DbContextOptionsBuilder<PortalDbContext>()
        .UsePortalProvider(provider, provider == DatabaseProvider.Postgres ? "Host=localhost;Database=offline" : "Data Source=:memory:").Options);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "")]
    [InlineData(DatabaseProvider.Postgres, " -- --provider Postgres")]
    public void Model_HasNoChangesThatNoMigrationCovers(DatabaseProvider provider, string arguments)
    {
        using var db = Offline(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changed since the last {provider} migration: run `dotnet ef migrations add <Name> --project Portal.Domain " +
            $"--startup-project Portal.Domain --output-dir Migrations/{provider}{arguments}`.");
    }

    [Fact]
    public void EachProvider_RunsOnlyItsOwnMigrations()
    {
        using var sqlite = Offline(DatabaseProvider.Sqlite);
        using var postgres = Offline(DatabaseProvider.Postgres);
        var sqliteIds = sqlite.Database.GetMigrations().ToList();
        var postgresIds = postgres.Database.GetMigrations().ToList();

        // The SQLite ids are those existing files recorded before the folders moved: they must never change.
        Assert.Equal("20261123223613_Initial", sqliteIds[0]);
        Assert.Contains("20261123230901_SearchIndexes", sqliteIds);
        Assert.Empty(sqliteIds.Intersect(postgresIds));
        Assert.EndsWith("_Initial", postgresIds[0]);
        Assert.All(sqlite.GetService<IMigrationsAssembly>().Migrations.Values, t => Assert.Equal("Portal.Domain.Migrations.Sqlite", t.Namespace));
        Assert.All(postgres.GetService<IMigrationsAssembly>().Migrations.Values, t => Assert.Equal("Portal.Domain.Migrations.Postgres", t.Namespace));
        Assert.Equal("Portal.Domain.Migrations.Postgres", postgres.GetService<IMigrationsAssembly>().ModelSnapshot!.GetType().Namespace);
    }

    [Fact]
    public async Task Migrations_AreAllApplied_OnAFreshStore()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = await store.DbAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(4, await db.Roles.CountAsync());
    }

    [Fact]
    public async Task AnOrganisation_CannotPointAtAPricingGroupThatIsNot()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var org = await store.Get<OrganisationService>().CreateAsync(new CreateOrganisation { Name = "Keyed Ltd", BillingEmail = "a@keyed.example", CountryCode = "GB" });
        await using var db = await store.DbAsync();
        var missing = Guid.CreateVersion7();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Organisations.Where(o => o.Id == org.Organisation.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.PricingGroupId, missing)));
    }
}
