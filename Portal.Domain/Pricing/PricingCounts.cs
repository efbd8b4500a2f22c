namespace Portal.Domain.Pricing;

/// <summary>
/// Pricing's work queues on the home page: the enabled groups, the planned prices that start within 7 days (across the
/// enabled groups), and the organisations still in a disabled group (to be given an enabled one).
/// </summary>
public sealed record PricingCounts(int EnabledGroups, int PricesStartingSoon, int OrganisationsInDisabledGroups);
