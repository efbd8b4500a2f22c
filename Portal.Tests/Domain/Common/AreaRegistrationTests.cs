using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Common;

/// <summary>How areas plug into the domain: their demo-data seeders run in their order, their options read the host's configuration.</summary>
public sealed class AreaRegistrationTests
{
    [Fact]
    public async Task DemoData_RunsEverySeederInItsOrder_WhateverOrderTheyWereRegisteredIn()
    {
        var ran = new List<int>();
        await using var store = await TestStore.CreateAsync(s =>
        {
            s.RemoveAll<IDemoDataSeeder>(); // only the two below, not the real demo data
            s.AddScoped<IDemoDataSeeder>(_ => new Recording(20, ran));
            s.AddScoped<IDemoDataSeeder>(_ => new Recording(10, ran));
        });

        await store.Get<DemoData>().SeedAsync();

        Assert.Equal([10, 20], ran);
    }

    [Fact]
    public void AreaSeeders_EachHaveTheirOwnOrder_StaffUsersFirst_OrganisationsBeforeTheirParts()
    {
        using var provider = new ServiceCollection().AddLogging().AddPortalDomainForInspection().BuildServiceProvider();
        using var scope = provider.CreateScope();

        var orders = scope.ServiceProvider.GetServices<IDemoDataSeeder>().ToDictionary(s => s.GetType().Name, s => s.Order);

        Assert.Equal(orders.Count, orders.Values.Distinct().Count());
        Assert.Equal(orders.Values.Min(), orders["AdminDemoData"]);
        Assert.All(new[] { "ContactsDemoData", "BankDetailsDemoData", "InvitationsDemoData", "ModulesDemoData", "WhiteLabelDemoData" },
            part => Assert.True(orders[part] > orders["OrganisationDemoData"], part));
    }

    [Fact]
    public async Task InvitationOptions_ComeFromTheHostsConfiguration()
    {
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:BaseUrl"] = "https://portal.example", ["Invitations:ValidFor"] = "2.00:00:00" })
            .Build()));

        var options = store.Get<IOptions<InvitationOptions>>().Value;

        Assert.Equal("https://portal.example/invitations/accept/abc", options.JoinLink("abc"));
        Assert.Equal(TimeSpan.FromDays(2), options.ValidFor);
    }

    private sealed class Recording(int order, List<int> ran) : IDemoDataSeeder
    {
        public int Order => order;

        public Task SeedAsync(CancellationToken ct = default)
        {
            ran.Add(order);
            return Task.CompletedTask;
        }
    }
}

internal static class InspectionExtensions
{
    /// <summary>The real registrations on a store that is never opened (seeders are only constructed, not run).</summary>
    public static IServiceCollection AddPortalDomainForInspection(this IServiceCollection services) =>
        Portal.Domain.DomainServiceCollectionExtensions.AddPortalDomain(services, "Data Source=:memory:");
}
