using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

public static class BillingRegistration
{
    /// <summary>Billing: plans, subscriptions, invoices, payment methods, the billing job, the modules plans grant; and their demo data.</summary>
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        // The Billing section when the host has configuration; the defaults otherwise (tests).
        services.AddOptions<BillingOptions>().Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection("Billing").Bind(o));
        services.AddScoped<PlanService>();
        services.AddScoped<SubscriptionService>();
        services.AddScoped<InvoiceService>();
        services.AddScoped<PaymentMethodService>();
        services.AddScoped<BillingEngine>();
        services.AddSingleton<IModuleGrantSource, BillingModuleGrants>();
        services.AddSingleInstanceJob<BillingJob>(BillingJob.Name, BillingJob.Interval);
        services.AddSearchSource<InvoiceSearchSource>();
        services.AddSearchSource<PlanSearchSource>();
        services.AddPaletteAction(new PaletteAction("Go to Plans", "The plan catalogue", "/plans", Access.Read));
        services.AddPaletteAction(new PaletteAction("Go to Subscriptions", "Subscriptions across organisations", "/subscriptions", Access.Read));
        services.AddPaletteAction(new PaletteAction("Go to Invoices", "All invoices", "/invoices", Access.Read));
        services.AddDemoDataSeeder<BillingDemoData>();
        return services;
    }
}
