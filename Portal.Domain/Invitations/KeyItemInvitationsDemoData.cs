using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Invitations;

/// <summary>
/// Joint-owner and authorized-signer invitations in every state (sent, accepted, completed, revoked, expired, one locked,
/// one with many verifications). Every demo invitee's identification is <see cref="DemoIdentification"/> and their shared
/// secret <see cref="DemoSecret"/>, so a sent one can be accepted on /invitations/accept in a demo.
/// </summary>
public sealed class KeyItemInvitationsDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock, IOptions<InvitationOptions> options)
    : IDemoDataSeeder
{
    public const string DemoIdentification = "4758";
    public const string DemoSecret = "obsolete obese octopus";

    /// <summary>After the organisations, their parts and the logistics demo data.</summary>
    public int Order => 450;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Invitations.AnyAsync(i => i.Kind != InvitationKind.Member, ct)) return;
        var faker = new Faker("en_GB") { Random = new Randomizer(2031) };
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var orgs = await db.Organisations.Include(o => o.Members).Where(o => o.Status == OrganisationStatus.Active)
            .OrderBy(o => o.Id).Take(12).ToListAsync(ct);
        if (orgs.Count == 0) return;
        var inviters = new[] { AdminDemoData.DemoUsers[1].Email, AdminDemoData.DemoUsers[0].Email };
        InvitationState[] plan =
        [
            InvitationState.Sent, InvitationState.Sent, InvitationState.Sent, InvitationState.Sent, InvitationState.Sent, InvitationState.Sent,
            InvitationState.Accepted, InvitationState.Accepted, InvitationState.Accepted, InvitationState.Completed, InvitationState.Completed,
            InvitationState.Revoked, InvitationState.Revoked, InvitationState.Expired, InvitationState.Expired,
        ];
        for (var n = 0; n < plan.Length; n++)
        {
            var joint = n % 3 == 1;
            var org = orgs[n % orgs.Count];
            var (first, last) = (faker.Name.FirstName(), faker.Name.LastName());
            var createdAt = now.AddDays(-faker.Random.Int(1, 20)).AddHours(-faker.Random.Int(0, 8));
            var fields = new InvitationFields
            {
                Type = joint ? InvitationKind.Joint : InvitationKind.AuthorizedSigner, FirstName = first, LastName = last,
                EmailAddress = $"{first}.{last}@example.com".ToLowerInvariant(), Identification = DemoIdentification, SharedSecret = DemoSecret,
                InviterFullName = faker.Name.FullName(),
                AccountUri = joint ? $"https://bank.example/accounts/{faker.Random.Number(10_000_000, 99_999_999)}" : null,
                OrganisationId = joint ? null : org.Id,
            };
            var validFor = plan[n] == InvitationState.Expired ? TimeSpan.FromDays(1) : settings.KeyItemsValidFor;
            var invitation = Invitation.CreateWithKeyItems(fields, null, faker.PickRandom(inviters), createdAt, validFor, settings.HashIterations);
            var at = createdAt.AddHours(5);
            switch (plan[n])
            {
                case InvitationState.Accepted or InvitationState.Completed:
                    invitation.Verify(InvitationSecrets.NameKey(first, last), DemoIdentification, DemoSecret, named: true, at);
                    if (plan[n] == InvitationState.Completed)
                    {
                        Guid? memberId = null, ownerId = null;
                        if (joint)
                        {
                            var owner = new JointOwner { AccountUri = fields.AccountUri!, Email = invitation.Email, FirstName = first, LastName = last,
                                InvitationId = invitation.Id, AddedAt = at.AddHours(1), AddedBy = inviters[0] };
                            db.JointOwners.Add(owner);
                            ownerId = owner.Id;
                        }
                        else memberId = org.AddMember(invitation.Email, first, last, MemberRole.Signer, at.AddHours(1)).Id;
                        invitation.Complete(inviters[0], at.AddHours(1), memberId, ownerId);
                    }
                    break;
                case InvitationState.Revoked:
                    invitation.Revoke(inviters[1], at);
                    break;
                case InvitationState.Expired:
                    invitation.ExpireIfDue(createdAt.AddDays(1));
                    break;
            }
            if (n == 0) // a locked one: five wrong secrets
                for (var i = 0; i < Invitation.LockAfterFailures; i++)
                    invitation.Verify(InvitationSecrets.NameKey(first, last), DemoIdentification, "wrong secret " + i, named: true, at);
            if (n == 1) // many attempts from someone who knows the name and identification
                for (var i = 0; i < 4; i++) invitation.Verify(InvitationSecrets.NameKey(first, last), DemoIdentification, "guess " + i, named: false, at);
            db.Invitations.Add(invitation);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// <paramref name="count"/> joint invitations for the benchmarks, in every state, created over the last year (unaudited,
    /// in batches of 1,000); their key items share one hash of <see cref="DemoIdentification"/> and <see cref="DemoSecret"/>.
    /// </summary>
    public async Task SeedForBenchmarkAsync(int count, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var faker = new Faker("en_GB") { Random = new Randomizer(517) };
        var settings = options.Value;
        var template = Invitation.CreateWithKeyItems(new InvitationFields
        {
            Type = InvitationKind.Joint, FirstName = "Bench", LastName = "Template", EmailAddress = "bench@load.test", Identification = DemoIdentification,
            SharedSecret = DemoSecret, InviterFullName = "Bench", AccountUri = "https://bank.example/accounts/0",
        }, null, "bench", now, settings.KeyItemsValidFor, settings.HashIterations);
        for (var done = 0; done < count; done += 1000)
        {
            await using var db = await dbs.CreateUnauditedContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + 1000); i++)
            {
                var (first, last) = (faker.Name.FirstName(), faker.Name.LastName());
                var createdAt = now.AddMinutes(-faker.Random.Int(0, 525_600));
                var invitation = Invitation.ForBenchmark(new InvitationFields
                {
                    FirstName = first, LastName = $"{last}{i}", EmailAddress = $"bench{i}@load.test", InviterFullName = faker.Name.FullName(),
                    AccountUri = $"https://bank.example/accounts/{i % 5000}",
                }, template, "bench", createdAt, settings.KeyItemsValidFor);
                var at = createdAt.AddHours(1);
                switch (faker.Random.Int(0, 9))
                {
                    case 0 or 1: invitation.Accept(at); break;
                    case 2: invitation.Accept(at); invitation.Complete("bench", at, null, null); break;
                    case 3: invitation.Revoke("bench", at); break;
                }
                invitation.ExpireIfDue(now); // as the expiry job keeps it: a sent one past its expiry is stored expired
                db.Invitations.Add(invitation);
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
