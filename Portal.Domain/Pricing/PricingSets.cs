using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.Pricing;

/// <summary>The Pricing area's tables, named on the context without a line in <see cref="PortalDbContext"/>.</summary>
public static class PricingSets
{
    extension(PortalDbContext db)
    {
        public DbSet<PricingGroup> PricingGroups => db.Set<PricingGroup>();
        public DbSet<Price> Prices => db.Set<Price>();
    }
}
