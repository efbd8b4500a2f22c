using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// Advance-pay bank details of an organisation: everyone who reads organisations sees them masked, Admin and Staff
/// set or remove them (a part of the organisation: its version moves), and only an Admin reveals them, audited.
/// </summary>
public sealed class OrganisationBankDetailsService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    BankDetailsProtector protector,
    IValidator<UpdateBankDetails> validator)
{
    public async Task<BillingDetails> GetAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, organisationId, ct);
    }

    public async Task<PartResult<BillingDetails>> SetAsync(Guid organisationId, UpdateBankDetails command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await validator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, command.Version, ct);
        var sortCode = BankDetailsFormat.NormaliseSortCode(command.SortCode);
        var accountNumber = BankDetailsFormat.NormaliseAccountNumber(command.AccountNumber);
        var details = await db.OrganisationBankDetails.FirstOrDefaultAsync(b => b.OrganisationId == organisationId, ct);
        if (details is null)
        {
            details = new OrganisationBankDetails
            {
                OrganisationId = organisationId, AccountHolderName = "", UpdatedBy = "",
                ProtectedSortCode = protector.Protect(sortCode), ProtectedAccountNumber = protector.Protect(accountNumber),
            };
            db.OrganisationBankDetails.Add(details);
        }
        else
        {
            // Encrypting the same value again gives new bytes: only a real change is written (and audited as changed).
            if (protector.Unprotect(details.ProtectedSortCode) != sortCode) details.ProtectedSortCode = protector.Protect(sortCode);
            if (protector.Unprotect(details.ProtectedAccountNumber) != accountNumber) details.ProtectedAccountNumber = protector.Protect(accountNumber);
        }
        details.AccountHolderName = command.AccountHolderName.Trim();
        details.BankName = string.IsNullOrWhiteSpace(command.BankName) ? null : command.BankName.Trim();
        details.UpdatedAt = clock.GetUtcNow();
        details.UpdatedBy = user.ActorName;
        await db.SaveChangesAsync(ct);
        var saved = await DetailsAsync(db, organisationId, ct);
        return new PartResult<BillingDetails>(saved, saved.Version);
    }

    /// <summary>Removes them; answers the organisation's version after it.</summary>
    public async Task<long> RemoveAsync(Guid organisationId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await LoadAsync(db, organisationId, version, ct);
        var details = await db.OrganisationBankDetails.FirstOrDefaultAsync(b => b.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException("Bank details of organisation", organisationId);
        db.OrganisationBankDetails.Remove(details);
        await db.SaveChangesAsync(ct);
        return org.Version;
    }

    /// <summary>The full sort code and account number, for an Admin; the audit trail records who looked, and when.</summary>
    public async Task<RevealedBankDetails> RevealAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct)) throw NotFound(organisationId);
        var details = await db.OrganisationBankDetails.AsNoTracking().FirstOrDefaultAsync(b => b.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException("Bank details of organisation", organisationId);
        var revealed = new RevealedBankDetails(details.AccountHolderName, details.BankName,
            protector.Unprotect(details.ProtectedSortCode), protector.Unprotect(details.ProtectedAccountNumber));
        db.AuditEntries.Add(AuditEntry.For(user, clock.GetUtcNow(), nameof(OrganisationBankDetails), organisationId.ToString(),
            AuditActions.Revealed, new Dictionary<string, object?> { ["revealed"] = "sortCode, accountNumber" }, aggregateId: organisationId.ToString(),
            securityEvent: SecurityEvents.SecretRevealed));
        await db.SaveChangesAsync(ct);
        return revealed;
    }

    private static async Task<Organisation> LoadAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var org = await db.Organisations.ForChangeAsync(id, version, ct);
        org.EnsureEditable();
        return org;
    }

    private async Task<BillingDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { o.BillingEmail, o.Version }).FirstOrDefaultAsync(ct) ?? throw NotFound(id);
        var details = await db.OrganisationBankDetails.AsNoTracking().FirstOrDefaultAsync(b => b.OrganisationId == id, ct);
        var masked = details is null ? null : new MaskedBankDetails(details.AccountHolderName, details.BankName,
            BankDetailsFormat.MaskSortCode(protector.Unprotect(details.ProtectedSortCode)),
            BankDetailsFormat.MaskAccountNumber(protector.Unprotect(details.ProtectedAccountNumber)),
            details.UpdatedAt, details.UpdatedBy);
        return new BillingDetails(id, org.BillingEmail, masked, org.Version);
    }

    private static NotFoundException NotFound(Guid id) => new("Organisation", id);
}
