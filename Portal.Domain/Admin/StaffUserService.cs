using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Domain.Store;

namespace Portal.Domain.Admin;

/// <summary>Staff users: Admin only, except that everyone may read and set their own preferences.</summary>
public sealed class StaffUserService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IPasswordHasher<StaffUser> hasher,
    ILookupNormalizer normalizer,
    IValidator<CreateStaffUser> createValidator,
    IValidator<UpdateStaffUser> updateValidator,
    IValidator<ResetStaffUserPassword> resetValidator,
    IFullTextSearch search)
{
    private static readonly SortMap<StaffUser> Sorts = new SortMap<StaffUser>("email")
        .Add("email", u => u.NormalizedEmail)
        .Add("displayName", u => u.DisplayName)
        .Add("createdAt", u => u.CreatedAt)
        .Add("lastSignInAt", u => u.LastSignInAt);

    private static readonly ImportStaffUserValidator ImportRules = new();

    public async Task<PagedResult<StaffUserRow>> ListAsync(StaffUserQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (users, countable) = Filter(db, query);
        var page = await Sorts.Apply(users, query.Sort, u => u.Id).ToPageAsync(query, ct, countable);
        var roles = await RolesOf(db, page.Items.Select(u => u.Id), ct);
        return new PagedResult<StaffUserRow>(page.Items.Select(u => Row(u, roles)).ToList(), page.Page, page.PageSize, page.Total);
    }

    public static readonly IReadOnlyList<string> CsvColumns = ["email", "displayName", "roles"];
    public const int ImportMaxRows = 10_000;

    /// <summary>Writes every user that matches <paramref name="query"/> (ignoring paging) as CSV, streamed from SQL.</summary>
    public async Task ExportAsync(StaffUserQuery query, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = Sorts.Apply(Filter(db, query).Rows, query.Sort, u => u.Id)
            .Select(u => new
            {
                u.Email, u.DisplayName, u.IsDisabled, u.CreatedAt, u.LastSignInAt,
                RoleIds = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => r.RoleId).ToList(),
            })
            .AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("email", u => u.Email), ("displayName", u => u.DisplayName),
            ("roles", u => string.Join(";", u.RoleIds.Select(RoleIds.NameOf))),
            ("disabled", u => u.IsDisabled ? "true" : "false"),
            ("createdAt", u => u.CreatedAt.ToString("O")), ("lastSignInAt", u => u.LastSignInAt?.ToString("O")),
        ], rows, ct);
    }

    public static string ImportTemplate() => CsvFiles.Template(CsvColumns, ["jo.bloggs@example.com", "Jo Bloggs", "Staff;Viewer"]);

    /// <summary>
    /// Reads and checks every row first; then saves all good rows in one transaction and reports the bad ones.
    /// Imported users have no password until an Admin sets one, and are told so by email.
    /// </summary>
    public async Task<CsvImportReport> ImportAsync(Stream csv, bool dryRun = false, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        user.RequireAPerson(Access.Admin);
        var rows = await CsvFiles.ReadAsync(csv, CsvColumns, ImportMaxRows, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var errors = new List<CsvRowError>();
        var good = new List<(CsvRecord Row, CreateStaffUser User)>();
        var seen = new HashSet<string>();
        var inFile = rows.Select(r => normalizer.NormalizeEmail(r["email"].Trim())).Distinct().ToList();
        var existing = (await db.Users.Where(u => inFile.Contains(u.NormalizedEmail!)).Select(u => u.NormalizedEmail!).ToListAsync(ct)).ToHashSet();
        progress?.Report(new WorkProgress("Checking", 0, rows.Count));
        foreach (var row in rows)
        {
            if (row.Row % 500 == 0) progress?.Report(new WorkProgress("Checking", row.Row, rows.Count));
            var candidate = new CreateStaffUser
            {
                Email = row["email"], DisplayName = row["displayName"],
                Roles = row["roles"].Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(r => Roles.All.FirstOrDefault(k => k.Equals(r, StringComparison.OrdinalIgnoreCase)) ?? r).ToList(),
            };
            var result = await ImportRules.ValidateAsync(candidate, ct);
            var rowErrors = result.Errors.Select(e => new CsvRowError(row.Row, ValidationExtensions.JsonName(e.PropertyName), e.ErrorMessage)).ToList();
            var normalized = normalizer.NormalizeEmail(candidate.Email.Trim());
            if (rowErrors.Count == 0 && (existing.Contains(normalized) || !seen.Add(normalized)))
                rowErrors.Add(new CsvRowError(row.Row, "email", existing.Contains(normalized)
                    ? "A staff user with this email address already exists." : "This email address appears twice in the file."));
            if (rowErrors.Count > 0) errors.AddRange(rowErrors);
            else good.Add((row, candidate));
        }
        if (!dryRun && good.Count > 0)
        {
            var now = clock.GetUtcNow();
            progress?.Report(new WorkProgress("Saving", 0, good.Count));
            foreach (var (_, candidate) in good) AddStaffUser(db, candidate, passwordHash: null, now);
            await db.SaveChangesAsync(ct);
            progress?.Report(new WorkProgress("Saving", good.Count, good.Count));
        }
        return CsvImportReport.Build(CsvColumns, rows, errors, dryRun ? 0 : good.Count);
    }

    public async Task<StaffUserRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (user.StaffUserId() != id) user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound(id);
        return Row(staff, await RolesOf(db, [id], ct));
    }

    public async Task<StaffUserRow> CreateAsync(CreateStaffUser command, CancellationToken ct = default)
    {
        user.RequireAPerson(Access.Admin);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var email = command.Email.Trim();
        var normalized = normalizer.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct))
            throw DomainValidationException.For("email", "A staff user with this email address already exists.");

        var staff = AddStaffUser(db, command, hasher.HashPassword(new StaffUser(), command.Password), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Row(staff, new Dictionary<Guid, List<string>> { [staff.Id] = command.Roles.Distinct().ToList() });
    }

    public async Task<StaffUserRow> UpdateAsync(Guid id, UpdateStaffUser command, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await updateValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(async ct =>
        {
            var staff = await Load(db, id, command.Version, ct);
            var current = await db.UserRoles.Where(r => r.UserId == id).ToListAsync(ct);
            var wanted = command.Roles.Distinct().Select(r => RoleIds.ByName[r]).ToHashSet();
            var adminId = RoleIds.ByName[Roles.Admin];
            if (current.Any(r => r.RoleId == adminId) && !wanted.Contains(adminId))
            {
                if (id == user.StaffUserId())
                    throw new ConflictException("staff_user.self_demotion", "You cannot remove your own Admin role; ask another Admin.");
                await EnsureAnotherAdmin(db, id, ct);
            }

            staff.DisplayName = command.DisplayName.Trim();
            db.UserRoles.RemoveRange(current.Where(r => !wanted.Contains(r.RoleId)));
            db.UserRoles.AddRange(wanted.Where(w => current.All(r => r.RoleId != w))
                .Select(w => new IdentityUserRole<Guid> { UserId = id, RoleId = w }));
            if (current.Select(r => r.RoleId).ToHashSet().SetEquals(wanted) is false)
                staff.SecurityStamp = Guid.NewGuid().ToString("N"); // signs the user out everywhere so new roles apply
            db.Entry(staff).State = EntityState.Modified; // a role-only change still bumps the version
            await db.SaveChangesAsync(ct);
            return Row(staff, new Dictionary<Guid, List<string>> { [id] = command.Roles.Distinct().ToList() });
        }, AdminCheckIsolation, ct);
    }

    public async Task<StaffUserRow> SetDisabledAsync(Guid id, bool disabled, long version, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(async ct =>
        {
            var staff = await Load(db, id, version, ct);
            if (disabled)
            {
                if (id == user.StaffUserId())
                    throw new ConflictException("staff_user.self_disable", "You cannot disable your own account.");
                if (staff.IsDisabled)
                    throw new ConflictException("staff_user.already_disabled", $"{staff.DisplayName} is already disabled.");
                if (await db.UserRoles.AnyAsync(r => r.UserId == id && r.RoleId == RoleIds.ByName[Roles.Admin], ct))
                    await EnsureAnotherAdmin(db, id, ct);
                staff.IsDisabled = true;
                staff.SecurityStamp = Guid.NewGuid().ToString("N");
            }
            else
            {
                if (!staff.IsDisabled)
                    throw new ConflictException("staff_user.not_disabled", $"{staff.DisplayName} is not disabled.");
                staff.IsDisabled = false;
                staff.AccessFailedCount = 0;
                staff.LockoutEnd = null;
            }
            await db.SaveChangesAsync(ct);
            return Row(staff, await RolesOf(db, [id], ct));
        }, AdminCheckIsolation, ct);
    }

    /// <summary>Sets a new password, ends the user's sessions and lifts a lockout; the user is told by email.</summary>
    public async Task<StaffUserRow> ResetPasswordAsync(Guid id, ResetStaffUserPassword command, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await resetValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = await Load(db, id, command.Version, ct);
        staff.PasswordHash = hasher.HashPassword(staff, command.NewPassword);
        staff.SecurityStamp = Guid.NewGuid().ToString("N");
        staff.AccessFailedCount = 0;
        staff.LockoutEnd = null;
        db.OutboxEmails.Add(OutboxEmail.Create(staff.Email!, new PasswordResetEmail(staff.DisplayName, user.ActorName), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return Row(staff, await RolesOf(db, [id], ct));
    }

    /// <summary>The signed-in user's own theme choice, remembered across devices.</summary>
    public async Task SetDarkModeAsync(bool dark, CancellationToken ct = default)
    {
        var id = user.StaffUserId() ?? throw new ForbiddenException("Only a signed-in staff user has preferences.");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound(id);
        if (staff.PrefersDarkMode == dark) return;
        staff.PrefersDarkMode = dark;
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> PrefersDarkModeAsync(CancellationToken ct = default)
    {
        if (user.StaffUserId() is not { } id) return false;
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == id).Select(u => u.PrefersDarkMode).FirstOrDefaultAsync(ct);
    }

    /// <summary>Adds a user, their roles and the welcome email to <paramref name="db"/> (saved by the caller, all or nothing).</summary>
    private StaffUser AddStaffUser(PortalDbContext db, CreateStaffUser command, string? passwordHash, DateTimeOffset now)
    {
        var email = command.Email.Trim();
        var roles = command.Roles.Distinct().ToList();
        var staff = new StaffUser
        {
            Email = email, NormalizedEmail = normalizer.NormalizeEmail(email),
            UserName = email, NormalizedUserName = normalizer.NormalizeName(email),
            EmailConfirmed = true, DisplayName = command.DisplayName.Trim(), CreatedAt = now, PasswordHash = passwordHash,
        };
        db.Users.Add(staff);
        db.UserRoles.AddRange(roles.Select(role => new IdentityUserRole<Guid> { UserId = staff.Id, RoleId = RoleIds.ByName[role] }));
        db.OutboxEmails.Add(OutboxEmail.Create(email, new StaffAccessEmail(staff.DisplayName, user.ActorName, roles), now));
        return staff;
    }

    /// <summary>
    /// The rows a query selects, and the same set shaped for counting. The page walks a sort index and checks each
    /// user's role (EXISTS); the total starts from the role's users instead (a join on the (RoleId, UserId) index).
    /// (UserId, RoleId) is the key, so the join never repeats a user and both count the same users.
    /// </summary>
    private (IQueryable<StaffUser> Rows, IQueryable<StaffUser> Countable) Filter(PortalDbContext db, StaffUserQuery query)
    {
        IQueryable<StaffUser> users = db.Users;
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            users = search.Matching<StaffUser>(db, query.Q)
                ?? users.Where(u => EF.Functions.Like(u.Email!, pattern, "\\") || EF.Functions.Like(u.DisplayName, pattern, "\\"));
        }
        users = users.AsNoTracking();
        if (query.Disabled is { } disabled) users = users.Where(u => u.IsDisabled == disabled);
        if (string.IsNullOrWhiteSpace(query.Role)) return (users, users);
        if (!RoleIds.ByName.TryGetValue(query.Role, out var roleId))
            throw DomainValidationException.For("role", $"Role must be one of: {string.Join(", ", Roles.All)}.");
        return (users.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId)),
                users.Join(db.UserRoles.Where(r => r.RoleId == roleId), u => u.Id, r => r.UserId, (u, _) => u));
    }

    private static async Task<StaffUser> Load(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var staff = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound(id);
        staff.EnsureVersion(version, id);
        return staff;
    }

    /// <summary>
    /// A serializable transaction around the last-Admin check and the save: two Admins demoting or disabling each other at
    /// once are taken one after the other, so the second sees the first's change (SQLite: BEGIN IMMEDIATE, the write lock;
    /// PostgreSQL: the loser's serialization failure is retried by the store, and the retry sees the winner's change).
    /// </summary>
    private const System.Data.IsolationLevel AdminCheckIsolation = System.Data.IsolationLevel.Serializable;

    private static async Task EnsureAnotherAdmin(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var adminId = RoleIds.ByName[Roles.Admin];
        var others = await db.UserRoles.CountAsync(r => r.RoleId == adminId && r.UserId != id
            && db.Users.Any(u => u.Id == r.UserId && !u.IsDisabled), ct);
        if (others == 0)
            throw new ConflictException("staff_user.last_admin", "This is the last active Admin; make someone else an Admin first.");
    }

    private static async Task<Dictionary<Guid, List<string>>> RolesOf(PortalDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        var pairs = await db.UserRoles.AsNoTracking().Where(r => list.Contains(r.UserId)).ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(
            g => g.Key, g => g.Select(p => RoleIds.NameOf(p.RoleId)!).OrderBy(n => Roles.All.ToList().IndexOf(n)).ToList());
    }

    private StaffUserRow Row(StaffUser u, IReadOnlyDictionary<Guid, List<string>> roles) => new(
        u.Id, u.Email ?? "", u.DisplayName, roles.TryGetValue(u.Id, out var r) ? r : [], u.IsDisabled,
        u.LockoutEnd > clock.GetUtcNow(), u.CreatedAt, u.LastSignInAt, u.Version);

    private static NotFoundException NotFound(Guid id) => new("Staff user", id);
}
