using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// Demo agencies (three, owned by the first organisations) with connections by every method and in every DID Exchange
/// state, messages queued and delivered, and credentials active, suspended, revoked and both. The demo secrets are
/// thrown away: rotate one on the agency page to call the agency-scoped API.
/// </summary>
public sealed class AgentConnectionsDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock) : IDemoDataSeeder
{
    /// <summary>After organisations (agencies belong to them).</summary>
    public int Order => 500;

    private static readonly ConnectionState[] States = [ConnectionState.Invited, ConnectionState.Requested, ConnectionState.Responded, ConnectionState.Completed, ConnectionState.Completed, ConnectionState.Abandoned];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Agencies.AnyAsync(ct)) return;
        var organisations = await db.Organisations.OrderBy(o => o.Name).Select(o => o.Id).Take(3).ToListAsync(ct);
        if (organisations.Count == 0) return;
        var now = clock.GetUtcNow();
        string[] names = ["Northwind Identity", "Contoso Wallet Services", "Fabrikam Trust"];
        for (var i = 0; i < organisations.Count; i++)
        {
            var agency = NewAgency(organisations[i], names[i], i, now.AddDays(-60 + i));
            db.Agencies.Add(agency);
            for (var n = 0; n < 24; n++) AddConnection(db, agency, n, now.AddDays(-50 + n).AddHours(i));
        }
        await db.SaveChangesAsync(ct);
    }

    public const string BenchSchema = "https://schema.example.com/bench-membership/1.0";

    /// <summary>
    /// The benchmark's rows (<c>seed-bench agents N</c>): 200 agencies sharing N connections, and 50,000 credentials of
    /// <see cref="BenchSchema"/> with <c>tier=gold</c> on the first agency's connections (what a bulk revoke selects).
    /// Unaudited, in batches. Answers the first agency's id and secret.
    /// </summary>
    public async Task<(Guid AgencyId, string Secret)> SeedForBenchmarkAsync(int connections, int agencies = 200, int credentials = 50_000, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var organisation = new Organisations.Organisation { Name = $"Bench agencies {now:HHmmss}", BillingEmail = "bench@agents.example", CountryCode = "GB", CreatedAt = now };
        var made = new List<Agency>();
        string secret;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            db.Organisations.Add(organisation);
            for (var a = 0; a < agencies; a++) made.Add(NewAgency(organisation.Id, $"Bench agency {a:D3}", 1000 + a, now.AddDays(-400)));
            secret = made[0].RotateSecret(now);
            db.Agencies.AddRange(made);
            await db.SaveChangesAsync(ct);
        }
        var random = new Random(2020);
        var firstAgencyConnections = new List<Guid>();
        for (var done = 0; done < connections; done += 5000)
        {
            await using var db = await dbs.CreateUnauditedContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(connections, done + 5000); i++)
            {
                var agency = made[i % agencies];
                var at = now.AddMinutes(-(connections - i));
                var connection = new AgentConnection
                {
                    AgencyId = agency.Id, Method = (ConnectionMethod)(i % 4 == 3 ? 1 : 0), Alias = $"bench:c{i:D7}", Did = i % 4 == 3 ? null : $"did:peer:2Ez6LSbench{i:D9}",
                    Title = i % 3 == 0 ? $"Holder {i}" : null, StageAccess = i % 7 == 0, CreatedAt = at, LastActivityAt = at,
                };
                var state = States[random.Next(States.Length)];
                if (state == ConnectionState.Abandoned) connection.MoveTo(ConnectionState.Abandoned, "Bench", at);
                else foreach (var step in new[] { ConnectionState.Requested, ConnectionState.Responded, ConnectionState.Completed })
                {
                    if (connection.State == state) break;
                    connection.MoveTo(step, null, at);
                }
                db.AgentConnections.Add(connection);
                if (agency == made[0] && state != ConnectionState.Abandoned) firstAgencyConnections.Add(connection.Id);
            }
            await db.SaveChangesAsync(ct);
        }
        for (var done = 0; done < credentials; done += 5000)
        {
            await using var db = await dbs.CreateUnauditedContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(credentials, done + 5000); i++)
            {
                var credential = new AgentCredential
                {
                    AgencyId = made[0].Id, ConnectionId = firstAgencyConnections[i % firstAgencyConnections.Count], SchemaId = BenchSchema,
                    IssuedAt = now, IssuedBy = "bench", Delivery = DeliveryState.Delivered,
                };
                credential.Attributes.Add(new AgentCredentialAttribute { CredentialId = credential.Id, Name = "tier", Value = "gold" });
                credential.Attributes.Add(new AgentCredentialAttribute { CredentialId = credential.Id, Name = "member", Value = $"m{i:D6}" });
                db.AgentCredentials.Add(credential);
            }
            await db.SaveChangesAsync(ct);
        }
        return (made[0].Id, secret);
    }

    /// <summary>An agency with a fresh secret (returned, for the bench) and its first connect link.</summary>
    public static Agency NewAgency(Guid organisationId, string name, int n, DateTimeOffset at)
    {
        var agency = new Agency
        {
            OrganisationId = organisationId, Name = name, Did = $"did:web:agency{n}.example.com", Label = name,
            ServiceEndpoint = $"https://agent{n}.example.com/didcomm", CreatedAt = at,
        };
        agency.StartConnectLink(at);
        agency.RotateSecret(at);
        return agency;
    }

    private static void AddConnection(PortalDbContext db, Agency agency, int n, DateTimeOffset at)
    {
        var method = (ConnectionMethod)(n % 4);
        var key = $"{agency.Id.ToString("N")[..6]}{n:D4}";
        var connection = new AgentConnection
        {
            AgencyId = agency.Id, Method = method, Alias = $"default:ap{key}",
            Did = method is ConnectionMethod.Did or ConnectionMethod.InvitationUrl ? $"did:peer:2Ez6LSdemo{key}" : null,
            LinkedDomain = method == ConnectionMethod.LinkedDomain ? $"holder{n}.example.org" : null,
            InvitationId = method == ConnectionMethod.InvitationUrl ? Guid.CreateVersion7().ToString() : null,
            Title = n % 3 == 0 ? null : $"Holder {n}", StageAccess = n % 5 == 0, CreatedAt = at, LastActivityAt = at,
        };
        var state = States[n % States.Length];
        foreach (var step in new[] { ConnectionState.Requested, ConnectionState.Responded, ConnectionState.Completed })
        {
            if (state == ConnectionState.Abandoned || connection.State == state) break;
            if (AgentConnection.CanMove(connection.State, step)) connection.MoveTo(step, null, at.AddMinutes(5));
        }
        if (state == ConnectionState.Abandoned) connection.MoveTo(ConnectionState.Abandoned, "The holder declined the request.", at.AddMinutes(10));
        db.AgentConnections.Add(connection);
        if (connection.State != ConnectionState.Completed) return;
        db.AgentMessages.Add(new AgentMessage
        {
            AgencyId = agency.Id, ConnectionId = connection.Id, Kind = (AgentMessageKind)(n % 3), Title = "Welcome to " + agency.Label,
            Body = "Your wallet is connected.", RequestId = n % 3 == 2 ? $"req-{key}" : null,
            ExpiresAt = n % 3 == 1 ? at.AddDays(90) : null, CreatedAt = at.AddHours(1), CreatedBy = "system",
            Delivery = n % 2 == 0 ? DeliveryState.Delivered : DeliveryState.Queued, DeliveredAt = n % 2 == 0 ? at.AddHours(2) : null,
        });
        var credential = new AgentCredential
        {
            AgencyId = agency.Id, ConnectionId = connection.Id, SchemaId = "https://schema.example.com/verified-email/1.0",
            IssuedAt = at.AddHours(3), IssuedBy = "system", Delivery = DeliveryState.Delivered,
        };
        credential.Attributes.Add(new AgentCredentialAttribute { CredentialId = credential.Id, Name = "email", Value = $"holder{n}@example.org" });
        credential.Attributes.Add(new AgentCredentialAttribute { CredentialId = credential.Id, Name = "tier", Value = n % 2 == 0 ? "gold" : "silver" });
        if (n % 6 == 3) credential.Revoke(CredentialPurpose.Revocation, at.AddDays(1));
        if (n % 6 == 4 || n % 12 == 9) credential.Revoke(CredentialPurpose.Suspension, at.AddDays(1));
        db.AgentCredentials.Add(credential);
    }
}
