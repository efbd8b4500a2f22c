using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>Organisations: Admin and Staff change them; Viewers read them.</summary>
public sealed class OrganisationService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<CreateOrganisation> createValidator,
    IValidator<UpdateOrganisation> updateValidator,
    IValidator<CreateMember> memberValidator,
    IValidator<ChangeStatus> statusValidator,
    IValidator<BulkOrganisationChange> bulkValidator,
    IFullTextSearch search,
    IEnumerable<INewOrganisationDefaults> defaults)
{
    /// <summary>A bulk change saves this many organisations per transaction.</summary>
    public const int BulkBatchSize = 250;

    private static readonly SortMap<Organisation> Sorts = new SortMap<Organisation>("name")
        .Add("name", o => o.Name)
        .Add("countryCode", o => o.CountryCode)
        .Add("status", o => o.Status)
        .Add("createdAt", o => o.CreatedAt)
        .Add("companyNumber", o => o.CompanyNumber);

    public async Task<PagedResult<OrganisationRow>> ListAsync(OrganisationQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Sorts.Apply(Filter(db, query), query.Sort, o => o.Id).ToPageAsync(query, RowOf(db), ct);
    }

    /// <summary>Writes every organisation the query selects (ignoring paging) as CSV, streamed from SQL.</summary>
    public async Task ExportAsync(OrganisationQuery query, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = Sorts.Apply(Filter(db, query), query.Sort, o => o.Id).Select(RowOf(db)).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("id", o => o.Id.ToString()), ("name", o => o.Name), ("tradingName", o => o.TradingName), ("billingEmail", o => o.BillingEmail),
            ("companyNumber", o => o.CompanyNumber), ("countryCode", o => o.CountryCode), ("status", o => o.Status.ToString()),
            ("vetted", o => o.IsVetted ? "true" : "false"), ("merchant", o => o.IsMerchant ? "true" : "false"),
            ("ownerName", o => o.OwnerName), ("ownerEmail", o => o.OwnerEmail), ("accountManager", o => o.AccountManagerName),
            ("createdAt", o => o.CreatedAt.ToString("O")),
        ], rows, ct);
    }

    private IQueryable<Organisation> Filter(PortalDbContext db, OrganisationQuery query)
    {
        IQueryable<Organisation> orgs = db.Organisations;
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            orgs = search.Matching<Organisation>(db, query.Q)
                ?? orgs.Where(o => EF.Functions.Like(o.Name, pattern, "\\") || EF.Functions.Like(o.TradingName!, pattern, "\\")
                    || EF.Functions.Like(o.BillingEmail, pattern, "\\") || EF.Functions.Like(o.CompanyNumber!, pattern, "\\"));
        }
        orgs = orgs.AsNoTracking();
        if (query.Status is { } status) orgs = orgs.Where(o => o.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Country)) orgs = orgs.Where(o => o.CountryCode == query.Country.ToUpperInvariant());
        if (query.Vetted is { } vetted) orgs = orgs.Where(o => o.IsVetted == vetted);
        if (query.AccountManagerId is { } manager) orgs = orgs.Where(o => o.AccountManagerId == manager);
        if (query.PricingGroupId is { } group) orgs = orgs.Where(o => o.PricingGroupId == group);
        if (!string.IsNullOrWhiteSpace(query.Module))
        {
            var module = ModuleCatalogue.Find(query.Module)
                ?? throw DomainValidationException.For("module", $"There is no module '{query.Module}'. Filter by one of: {ModuleCatalogue.Ids}.");
            orgs = orgs.Where(o => o.Modules.Any(m => m.ModuleId == module.Id));
        }
        return orgs;
    }

    /// <summary>Who can look after an organisation: enabled staff users with the Admin or Staff role, by name.</summary>
    public async Task<IReadOnlyList<AccountManager>> AccountManagersAsync(CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var writerRoles = Access.Write.Select(r => RoleIds.ByName[r]).ToArray();
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && writerRoles.Contains(r.RoleId)))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new AccountManager(u.Id, u.DisplayName))
            .ToListAsync(ct);
    }

    public async Task<OrganisationDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<OrganisationDetails> CreateAsync(CreateOrganisation command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await EnsureAccountManagerAsync(db, command.AccountManagerId, ct);
        if (!command.ConfirmedNotDuplicate && (await OrganisationDuplicates.FindAsync(db, [DuplicateProbe.Of(command)], ct))[0] is { Count: > 0 } candidates)
            throw new ConflictException(PossibleDuplicateCode,
                $"{command.Name.Trim()} looks like {(candidates.Count == 1 ? "an organisation" : $"{candidates.Count} organisations")} Portal has: " +
                $"{string.Join(", ", candidates.Take(3).Select(c => c.Name))}. Open one, or confirm that this is a different organisation.")
            { Details = new Dictionary<string, object?> { ["candidates"] = candidates } };
        var org = NewOrganisation(command, clock.GetUtcNow());
        (await defaults.ForNewAsync(db, ct))(org);
        db.Organisations.Add(org);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, org.Id, ct);
    }

    public const string PossibleDuplicateCode = "organisation.possible_duplicate";

    /// <summary>The existing organisations a new one would probably duplicate (the check a create runs unless confirmed).</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(CreateOrganisation command, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return (await OrganisationDuplicates.FindAsync(db, [DuplicateProbe.Of(command)], ct))[0];
    }

    /// <summary>A new, pending organisation from a checked command, with its owner as its first member when it names one.</summary>
    internal static Organisation NewOrganisation(CreateOrganisation command, DateTimeOffset now)
    {
        var org = new Organisation
        {
            Name = command.Name.Trim(), BillingEmail = command.BillingEmail.Trim(), CountryCode = command.CountryCode, CreatedAt = now,
        };
        Apply(org, command);
        if (command.Owner is { } owner)
            org.ChangeOwner(org.AddMember(owner.Email, owner.GivenName, owner.FamilyName, MemberRole.Owner, now).Id);
        return org;
    }

    public async Task<OrganisationDetails> UpdateAsync(Guid id, UpdateOrganisation command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await updateValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, id, command.Version, ct);
        org.EnsureEditable();
        await EnsureAccountManagerAsync(db, command.AccountManagerId, ct);
        Apply(org, command);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>
    /// Activates (or reinstates) the organisation and welcomes its owner by email, in the same transaction. On an active
    /// organisation it sends the welcome again (Customer API §2.4) and changes nothing else, so its version stays.
    /// </summary>
    public async Task<OrganisationDetails> ActivateAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, id, version, ct);
        var now = clock.GetUtcNow();
        if (org.Status == OrganisationStatus.Active && org.Owner is { } owner)
            db.OutboxEmails.Add(OutboxEmail.Create(owner.Email, new OrganisationActiveEmail(owner.GivenName, org.Name, Reinstated: false), now));
        else
            Activate(db, org, now);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Activates it and, in the same unit of work, emails the owner (welcome, or "active again" after a suspension).</summary>
    private static void Activate(PortalDbContext db, Organisation org, DateTimeOffset now)
    {
        var reinstated = org.Status == OrganisationStatus.Suspended;
        org.Activate(now);
        var owner = org.Owner!;
        db.OutboxEmails.Add(OutboxEmail.Create(owner.Email, new OrganisationActiveEmail(owner.GivenName, org.Name, reinstated), now));
    }

    /// <summary>
    /// One action over many organisations, in transactions of <see cref="BulkBatchSize"/> (a filter of 100,000 neither
    /// holds one huge transaction nor loses the batches already done). Each organisation is changed only when the action
    /// is legal for it at that moment, exactly as on its own page; the others are counted by reason. A batch that meets
    /// a concurrent edit is read again and redone, so nobody's change is overwritten.
    /// </summary>
    public async Task<BulkOrganisationResult> BulkChangeAsync(BulkOrganisationChange change, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await bulkValidator.ValidateOrThrowAsync(change, ct);
        change.Filter?.EnsureValid();
        List<Guid> ids;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (change.Action == BulkOrganisationAction.AssignAccountManager) await EnsureAccountManagerAsync(db, change.AccountManagerId, ct);
            ids = change.Ids is { } chosen ? chosen.Distinct().ToList()
                : await Filter(db, change.Filter!).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        }

        var skipped = new Dictionary<string, (string Reason, int Count, List<string> Examples)>();
        void Skip(string code, string name)
        {
            var (reason, count, examples) = skipped.TryGetValue(code, out var s) ? s : (BulkSkipReason(code), 0, new List<string>());
            if (examples.Count < 5) examples.Add(name);
            skipped[code] = (reason, count + 1, examples);
        }

        var changed = 0;
        var done = 0;
        progress?.Report(new WorkProgress("Changing", 0, ids.Count));
        foreach (var batch in ids.Chunk(BulkBatchSize))
        {
            for (var attempt = 1; ; attempt++)
            {
                var batchSkips = new List<(string Code, string Name)>();
                var batchChanged = 0;
                await using var db = await dbs.CreateDbContextAsync(ct);
                var orgs = await db.Organisations.Include(o => o.Members).Where(o => batch.Contains(o.Id)).ToListAsync(ct);
                batchSkips.AddRange(batch.Except(orgs.Select(o => o.Id)).Select(id => ("organisation.not_found", id.ToString())));
                var now = clock.GetUtcNow();
                foreach (var org in orgs)
                {
                    try
                    {
                        switch (change.Action)
                        {
                            case BulkOrganisationAction.Activate:
                                Activate(db, org, now);
                                break;
                            case BulkOrganisationAction.Suspend:
                                org.Suspend(change.Reason!);
                                break;
                            case BulkOrganisationAction.AssignAccountManager:
                                org.EnsureEditable();
                                if (org.AccountManagerId == change.AccountManagerId)
                                {
                                    batchSkips.Add(("organisation.same_account_manager", org.Name));
                                    continue;
                                }
                                org.AccountManagerId = change.AccountManagerId;
                                break;
                        }
                        batchChanged++;
                    }
                    catch (ConflictException conflict) { batchSkips.Add((conflict.Code, org.Name)); }
                }
                try { await db.SaveChangesAsync(ct); }
                catch (ConcurrencyException) when (attempt < 3) { continue; } // someone changed one of them meanwhile: read the batch again
                changed += batchChanged;
                foreach (var (code, name) in batchSkips) Skip(code, name);
                break;
            }
            done += batch.Length;
            progress?.Report(new WorkProgress("Changing", done, ids.Count));
        }
        return new BulkOrganisationResult(ids.Count, changed,
            skipped.Select(s => new BulkSkip(s.Key, s.Value.Reason, s.Value.Count, s.Value.Examples)).OrderByDescending(s => s.Count).ToList());
    }

    private static string BulkSkipReason(string code) => code switch
    {
        "organisation.already_active" => "already active",
        "organisation.no_owner" => "no owner yet, so they cannot be activated",
        "organisation.archived" => "archived, so read-only",
        "organisation.not_active" => "not active, so they cannot be suspended",
        "organisation.same_account_manager" => "already looked after by that account manager",
        "organisation.not_found" => "no longer exist",
        _ => "the change is not allowed in their current status",
    };

    public Task<OrganisationDetails> SuspendAsync(Guid id, ChangeStatus command, CancellationToken ct = default) =>
        ChangeStatusAsync(id, command, (org, reason) => org.Suspend(reason), ct);

    public Task<OrganisationDetails> ArchiveAsync(Guid id, ChangeStatus command, CancellationToken ct = default) =>
        ChangeStatusAsync(id, command, (org, reason) => org.Archive(reason), ct);

    /// <summary>One member, with the organisation's version.</summary>
    public async Task<PartResult<MemberRow>> GetMemberAsync(Guid id, Guid memberId, CancellationToken ct = default)
    {
        var org = await GetAsync(id, ct);
        var member = org.Members.FirstOrDefault(m => m.Id == memberId) ?? throw new NotFoundException("Member", memberId);
        return new PartResult<MemberRow>(member, org.Organisation.Version);
    }

    public async Task<PartResult<MemberRow>> AddMemberAsync(Guid id, CreateMember member, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await memberValidator.ValidateOrThrowAsync(member, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, id, version, ct);
        var added = org.AddMember(member.Email, member.GivenName, member.FamilyName,
            member.Role == MemberRole.Owner ? MemberRole.Member : member.Role, clock.GetUtcNow());
        if (member.Role == MemberRole.Owner) org.ChangeOwner(added.Id);
        await db.SaveChangesAsync(ct); // a member is a part: the store moves the organisation's version
        return new PartResult<MemberRow>(MemberRowOf(added), org.Version);
    }

    public async Task<OrganisationDetails> ChangeOwnerAsync(Guid id, Guid memberId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, id, version, ct);
        org.ChangeOwner(memberId);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    private async Task<OrganisationDetails> ChangeStatusAsync(Guid id, ChangeStatus command, Action<Organisation, string> change, CancellationToken ct)
    {
        user.Require(Access.Write);
        await statusValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, id, command.Version, ct);
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw DomainValidationException.For("reason", "Say why, so the next person to open this organisation knows.");
        change(org, command.Reason);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    private static void Apply(Organisation org, OrganisationFields fields)
    {
        org.Name = fields.Name.Trim();
        org.TradingName = Blank(fields.TradingName);
        org.BillingEmail = fields.BillingEmail.Trim();
        org.CompanyNumber = Blank(fields.CompanyNumber)?.ToUpperInvariant();
        org.CountryCode = fields.CountryCode;
        org.IsVetted = fields.IsVetted;
        org.IsMerchant = fields.IsMerchant;
        org.AccountManagerId = fields.AccountManagerId;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static async Task EnsureAccountManagerAsync(PortalDbContext db, Guid? id, CancellationToken ct)
    {
        if (id is { } managerId && !await db.Users.AnyAsync(u => u.Id == managerId && !u.IsDisabled, ct))
            throw DomainValidationException.For("accountManagerId", "Choose an account manager from the active staff users.");
    }

    private static Task<Organisation> LoadAsync(PortalDbContext db, Guid id, long version, CancellationToken ct) =>
        db.Organisations.Include(o => o.Members).ForChangeAsync(id, version, ct);

    private static async Task<OrganisationDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var row = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(RowOf(db)).FirstOrDefaultAsync(ct) ?? throw NotFound(id);
        var org = await db.Organisations.AsNoTracking().Include(o => o.Members).FirstAsync(o => o.Id == id, ct);
        return new OrganisationDetails(row, org.StatusMessage, org.ActivatedAt,
            org.Members.OrderBy(m => m.Role).ThenBy(m => m.FamilyName).ThenBy(m => m.GivenName).Select(MemberRowOf).ToList(),
            Enum.GetValues<OrganisationAction>().Where(org.Can).ToList());
    }

    private static Expression<Func<Organisation, OrganisationRow>> RowOf(PortalDbContext db) => o => new OrganisationRow(
        o.Id, o.Name, o.TradingName, o.BillingEmail, o.CompanyNumber, o.CountryCode, o.Status, o.IsVetted, o.IsMerchant,
        o.AccountManagerId, db.Users.Where(u => u.Id == o.AccountManagerId).Select(u => u.DisplayName).FirstOrDefault(),
        o.Members.Where(m => m.Id == o.OwnerId).Select(m => m.GivenName + " " + m.FamilyName).FirstOrDefault(),
        o.Members.Where(m => m.Id == o.OwnerId).Select(m => m.Email).FirstOrDefault(),
        o.CreatedAt, o.Version);

    private static MemberRow MemberRowOf(OrganisationMember m) => new(m.Id, m.Email, m.GivenName, m.FamilyName, m.Role, m.AddedAt);

    private static NotFoundException NotFound(Guid id) => new("Organisation", id);
}
