using System.Security.Claims;
using Portal.Domain;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Infrastructure;

/// <summary>
/// Commands run instead of the web server: <c>api-key create --name NAME --role ROLE [--expires 2027-01-31]</c>
/// prints a new key once; <c>seed-bench staff-users|organisations|invitations|business|shipments|agents N</c> (and
/// <c>billing N INVOICES</c>, <c>pricing N SKUS</c>) fills the store for benchmarks, then updates the planner's statistics;
/// <c>billing-run</c> runs the billing job once.
/// </summary>
public static class Cli
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "api-key" or "seed-bench" or "billing-run";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        // Benchmark data includes Admin accounts with the published demo password: never in a real installation.
        if (args[0] == "seed-bench" && !services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            Console.Error.WriteLine("seed-bench creates accounts with the published demo password; it runs only in Development (ASPNETCORE_ENVIRONMENT=Development).");
            return 2;
        }
        await services.MigrateStoreAsync();
        await using var scope = services.CreateAsyncScope();
        // The command line acts as an Admin named "cli" in the audit trail.
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "cli"), new Claim(ClaimTypes.Role, Roles.Admin)], "cli"));
        try
        {
            if (args[0] == "seed-bench")
            {
                var code = await SeedAsync(scope.ServiceProvider, args);
                if (code == 0) await services.UpdatePlannerStatisticsAsync(afterBulkLoad: true);
                return code;
            }
            switch (args)
            {
                case ["api-key", "create", ..]:
                    var options = Options(args[2..]);
                    var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(new CreateApiKey
                    {
                        Name = options.GetValueOrDefault("name") ?? "",
                        Role = options.GetValueOrDefault("role") ?? "",
                        ExpiresAt = options.TryGetValue("expires", out var e) ? DateTimeOffset.Parse(e, System.Globalization.CultureInfo.InvariantCulture) : null,
                    });
                    Console.Error.WriteLine($"Created API key '{created.Key.Name}' ({created.Key.Role}). It is shown once; store it now:");
                    Console.WriteLine(created.Plaintext);
                    return 0;
                case ["billing-run"]:
                {
                    // One billing run now, as the job does it, with progress on stderr; stdout says what it did and how long it took.
                    var started = System.Diagnostics.Stopwatch.StartNew();
                    var result = await scope.ServiceProvider.GetRequiredService<Portal.Domain.Billing.BillingEngine>().RunAsync(
                        new Progress<int>(done => Console.Error.WriteLine($"  {done:N0} subscriptions stepped ({started.Elapsed.TotalSeconds:0.0} s)")));
                    Console.WriteLine($"steps={result.Steps} renewals={result.Renewals} invoices={result.Invoices} paid={result.Paid} seconds={started.Elapsed.TotalSeconds:0.00}");
                    return 0;
                }
                default:
                    Console.Error.WriteLine("Usage: api-key create --name NAME --role Admin|Staff|Warehouse|Viewer [--expires YYYY-MM-DD]");
                    return 2;
            }
        }
        catch (DomainValidationException v)
        {
            foreach (var (field, messages) in v.Errors) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
            return 1;
        }
    }

    /// <summary>The benchmark data commands; 2 (and the usage) for an unknown one.</summary>
    private static async Task<int> SeedAsync(IServiceProvider services, string[] args)
    {
        switch (args)
        {
            case ["seed-bench", "staff-users", var count]:
                await services.GetRequiredService<AdminDemoData>().SeedStaffUsersForBenchmarkAsync(int.Parse(count));
                return 0;
            case ["seed-bench", "organisations", var count]:
                await services.GetRequiredService<OrganisationDemoData>().SeedForBenchmarkAsync(int.Parse(count));
                return 0;
            case ["seed-bench", "invitations", var count]:
                await services.GetRequiredService<Portal.Domain.Invitations.KeyItemInvitationsDemoData>().SeedForBenchmarkAsync(int.Parse(count));
                return 0;
            case ["seed-bench", "billing", var count, var invoicesEach]:
                await services.GetRequiredService<Portal.Domain.Billing.BillingDemoData>().SeedForBenchmarkAsync(int.Parse(count), int.Parse(invoicesEach));
                return 0;
            case ["seed-bench", "pricing", var count, var skus]:
                Console.WriteLine(await services.GetRequiredService<Portal.Domain.Pricing.PricingDemoData>().SeedForBenchmarkAsync(int.Parse(count), int.Parse(skus))); // the group's id
                return 0;
            case ["seed-bench", "business", var count]:
                await services.GetRequiredService<Portal.Domain.BusinessConnections.BusinessConnectionsDemoData>().SeedForBenchmarkAsync(int.Parse(count));
                return 0;
            case ["seed-bench", "shipments", var count]:
                await services.GetRequiredService<Portal.Domain.Logistics.LogisticsDemoData>().SeedForBenchmarkAsync(int.Parse(count));
                return 0;
            case ["seed-bench", "agents", var count]:
                var (agencyId, secret) = await services.GetRequiredService<Portal.Domain.AgentConnections.AgentConnectionsDemoData>().SeedForBenchmarkAsync(int.Parse(count));
                Console.WriteLine($"{agencyId} {secret}"); // the bench's agency and its secret, for the hash-check figure
                return 0;
            default:
                Console.Error.WriteLine("Usage: seed-bench staff-users|organisations|invitations|business|shipments|agents N | billing N INVOICES | pricing N SKUS");
                return 2;
        }
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
            if (args[i].StartsWith("--")) options[args[i][2..]] = args[i + 1];
        return options;
    }
}
