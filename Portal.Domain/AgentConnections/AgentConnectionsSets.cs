using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

/// <summary>The Agent connections area's tables, named on the context without a line in <see cref="PortalDbContext"/>.</summary>
public static class AgentConnectionsSets
{
    extension(PortalDbContext db)
    {
        public DbSet<Agency> Agencies => db.Set<Agency>();
        public DbSet<AgentConnection> AgentConnections => db.Set<AgentConnection>();
        public DbSet<AgentMessage> AgentMessages => db.Set<AgentMessage>();
        public DbSet<AgentCredential> AgentCredentials => db.Set<AgentCredential>();
        public DbSet<AgentCredentialAttribute> AgentCredentialAttributes => db.Set<AgentCredentialAttribute>();
    }
}
