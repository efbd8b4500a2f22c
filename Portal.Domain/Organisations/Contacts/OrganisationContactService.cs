using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// An organisation's addresses, phone numbers and VAT numbers. They are parts of the organisation: every change loads it
/// at the caller's version, is refused when it is archived, and moves its version on (the store does). Admin and Staff change them;
/// Viewers read them.
/// </summary>
public sealed class OrganisationContactService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<AddressFields> addressValidator,
    IValidator<PhoneNumberFields> phoneValidator,
    IValidator<VatNumberFields> vatValidator,
    IValidator<VatCheck> checkValidator)
{
    public async Task<OrganisationContactDetails> GetAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await db.Organisations.AsNoTracking().AsSplitQuery()
            .Include(o => o.Addresses).Include(o => o.PhoneNumbers).Include(o => o.VatNumbers)
            .FirstOrDefaultAsync(o => o.Id == organisationId, ct) ?? throw NotFound(organisationId);
        return new OrganisationContactDetails(org.Id, org.Version, org.Status == OrganisationStatus.Archived,
            org.Addresses.OrderBy(a => a.Kind).ThenByDescending(a => a.IsPrimary).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(RowOf).ToList(),
            org.PhoneNumbers.OrderByDescending(p => p.IsPrimary).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(RowOf).ToList(),
            org.VatNumbers.OrderBy(v => v.CountryCode).ThenBy(v => v.Number).Select(RowOf).ToList());
    }

    public async Task<PartResult<AddressRow>> AddAddressAsync(Guid organisationId, AddressFields fields, long version, CancellationToken ct = default)
    {
        await addressValidator.ValidateOrThrowAsync(Writing(fields), ct);
        return await ChangeAsync(organisationId, version, Include.Addresses, org => RowOf(org.AddAddress(fields, clock.GetUtcNow())), ct);
    }

    public async Task<PartResult<AddressRow>> UpdateAddressAsync(Guid organisationId, Guid addressId, AddressFields fields, long version, CancellationToken ct = default)
    {
        await addressValidator.ValidateOrThrowAsync(Writing(fields), ct);
        return await ChangeAsync(organisationId, version, Include.Addresses, org => RowOf(org.UpdateAddress(addressId, fields)), ct);
    }

    public Task<PartResult<AddressRow>> MakeAddressPrimaryAsync(Guid organisationId, Guid addressId, long version, CancellationToken ct = default) =>
        ChangeAsync(organisationId, version, Include.Addresses, org => RowOf(org.MakeAddressPrimary(addressId)), ct);

    public async Task<long> RemoveAddressAsync(Guid organisationId, Guid addressId, long version, CancellationToken ct = default) =>
        (await ChangeAsync(organisationId, version, Include.Addresses, org => { org.RemoveAddress(addressId); return addressId; }, ct)).Version;

    public async Task<PartResult<PhoneNumberRow>> AddPhoneNumberAsync(Guid organisationId, PhoneNumberFields fields, long version, CancellationToken ct = default)
    {
        await phoneValidator.ValidateOrThrowAsync(Writing(fields), ct);
        return await ChangeAsync(organisationId, version, Include.PhoneNumbers, org => RowOf(org.AddPhoneNumber(fields, clock.GetUtcNow())), ct);
    }

    public async Task<PartResult<PhoneNumberRow>> UpdatePhoneNumberAsync(Guid organisationId, Guid phoneId, PhoneNumberFields fields, long version, CancellationToken ct = default)
    {
        await phoneValidator.ValidateOrThrowAsync(Writing(fields), ct);
        return await ChangeAsync(organisationId, version, Include.PhoneNumbers, org => RowOf(org.UpdatePhoneNumber(phoneId, fields)), ct);
    }

    public Task<PartResult<PhoneNumberRow>> MakePhoneNumberPrimaryAsync(Guid organisationId, Guid phoneId, long version, CancellationToken ct = default) =>
        ChangeAsync(organisationId, version, Include.PhoneNumbers, org => RowOf(org.MakePhoneNumberPrimary(phoneId)), ct);

    public async Task<long> RemovePhoneNumberAsync(Guid organisationId, Guid phoneId, long version, CancellationToken ct = default) =>
        (await ChangeAsync(organisationId, version, Include.PhoneNumbers, org => { org.RemovePhoneNumber(phoneId); return phoneId; }, ct)).Version;

    public async Task<PartResult<VatNumberRow>> AddVatNumberAsync(Guid organisationId, VatNumberFields fields, long version, CancellationToken ct = default)
    {
        await vatValidator.ValidateOrThrowAsync(Writing(fields), ct);
        return await ChangeAsync(organisationId, version, Include.VatNumbers, org => RowOf(org.AddVatNumber(fields, clock.GetUtcNow())), ct);
    }

    /// <summary>A corrected number is unverified again; the same number, written differently, keeps its check.</summary>
    public async Task<PartResult<VatNumberRow>> UpdateVatNumberAsync(Guid organisationId, Guid vatId, VatNumberFields fields, long version, CancellationToken ct = default)
    {
        await vatValidator.ValidateOrThrowAsync(Writing(fields), ct);
        return await ChangeAsync(organisationId, version, Include.VatNumbers, org => RowOf(org.UpdateVatNumber(vatId, fields)), ct);
    }

    public async Task<long> RemoveVatNumberAsync(Guid organisationId, Guid vatId, long version, CancellationToken ct = default) =>
        (await ChangeAsync(organisationId, version, Include.VatNumbers, org => { org.RemoveVatNumber(vatId); return vatId; }, ct)).Version;

    /// <summary>Records what VIES or HMRC said about the number, as the acting user, now.</summary>
    public async Task<PartResult<VatNumberRow>> RecordVatCheckAsync(Guid organisationId, Guid vatId, VatCheck check, long version, CancellationToken ct = default)
    {
        await checkValidator.ValidateOrThrowAsync(Writing(check), ct);
        return await ChangeAsync(organisationId, version, Include.VatNumbers,
            org => RowOf(org.RecordVatCheck(vatId, check.Result!.Value, check.RegisteredName, user.ActorName, clock.GetUtcNow())), ct);
    }

    private enum Include { Addresses, PhoneNumbers, VatNumbers }

    /// <summary>Checks the role first, so a Viewer is told "not allowed" rather than what is wrong with the input.</summary>
    private T Writing<T>(T value)
    {
        user.Require(Access.Write);
        return value;
    }

    /// <summary>Loads the organisation at the caller's version with the collection the change needs, applies it, saves once.</summary>
    private async Task<PartResult<T>> ChangeAsync<T>(Guid organisationId, long version, Include include, Func<Organisation, T> change,
        CancellationToken ct)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Organisation> orgs = include switch
        {
            Include.Addresses => db.Organisations.Include(o => o.Addresses),
            Include.PhoneNumbers => db.Organisations.Include(o => o.PhoneNumbers),
            _ => db.Organisations.Include(o => o.VatNumbers),
        };
        var org = await orgs.ForChangeAsync(organisationId, version, ct);
        var result = change(org);
        await db.SaveChangesAsync(ct); // its addresses, phones and VAT numbers are parts: the store moves its version
        return new PartResult<T>(result, org.Version);
    }

    private static AddressRow RowOf(OrganisationAddress a) => new(
        a.Id, a.Kind, a.Label, a.Attention, a.Line1, a.Line2, a.City, a.Region, a.Postcode, a.CountryCode, a.IsPrimary, a.CreatedAt);

    private static PhoneNumberRow RowOf(OrganisationPhoneNumber p) => new(p.Id, p.Label, p.Number, p.IsPrimary, p.CreatedAt);

    private static VatNumberRow RowOf(OrganisationVatNumber v) => new(
        v.Id, v.CountryCode, v.Number, v.State, v.CheckedAt, v.CheckedBy, v.RegisteredName, v.CreatedAt);

    private static NotFoundException NotFound(Guid id) => new("Organisation", id);
}
