using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Store;
using Portal.Infrastructure;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Operations;

/// <summary>Benchmark seeding creates accounts with the published demo password, so it runs only in Development.</summary>
public sealed class CliSeedBenchTests
{
    private sealed class DevelopmentPortalApiFactory : PortalApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
            builder.UseSetting("Portal:SeedDemoData", "false");
        }
    }

    private static async Task<int> StaffUserCountAsync(PortalApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.CountAsync();
    }

    [Fact]
    public async Task SeedBenchStaffUsers_OutsideDevelopment_IsRefused_AndCreatesNoOne()
    {
        using var factory = new PortalApiFactory(); // environment "Testing"

        var exit = await Cli.RunAsync(factory.Services, ["seed-bench", "staff-users", "3"]);

        Assert.NotEqual(0, exit);
        Assert.Equal(0, await StaffUserCountAsync(factory));
    }

    [Fact]
    public async Task SeedBenchStaffUsers_InDevelopment_CreatesThem()
    {
        using var factory = new DevelopmentPortalApiFactory();

        var exit = await Cli.RunAsync(factory.Services, ["seed-bench", "staff-users", "3"]);

        Assert.Equal(0, exit);
        Assert.Equal(3, await StaffUserCountAsync(factory));
    }
}
