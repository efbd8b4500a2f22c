using Portal.Domain.Store;

namespace Portal.Tests.Support;

/// <summary>
/// One store with the whole demo data seeded, shared by the tests that read what the demo seeds (seeding takes seconds
/// a store). Each area's test seeds its own part again, which shows a second run adds nothing, and sets the user it
/// acts as; none changes what another reads.
/// </summary>
public sealed class SeededDemoStore : IAsyncLifetime
{
    public TestStore Store { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreateAsync();
        await Store.Get<DemoData>().SeedAsync();
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DemoDataCollection : ICollectionFixture<SeededDemoStore>
{
    public const string Name = "Demo data";
}
