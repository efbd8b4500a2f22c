using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

/// <summary>The area's tables, named on the context without a line in <see cref="PortalDbContext"/>.</summary>
public static class BusinessConnectionsSets
{
    extension(PortalDbContext db)
    {
        public DbSet<BusinessUnit> BusinessUnits => db.Set<BusinessUnit>();
        public DbSet<AssuranceCertificate> AssuranceCertificates => db.Set<AssuranceCertificate>();
        public DbSet<CertifiedSite> CertifiedSites => db.Set<CertifiedSite>();
        public DbSet<BusinessConnection> BusinessConnections => db.Set<BusinessConnection>();
        public DbSet<BusinessConnectionContact> BusinessConnectionContacts => db.Set<BusinessConnectionContact>();
    }
}
