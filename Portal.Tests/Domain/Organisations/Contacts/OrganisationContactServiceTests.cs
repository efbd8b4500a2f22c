using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>Addresses, phone numbers and VAT numbers of an organisation, against the real SQLite store.</summary>
public sealed class OrganisationContactServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private OrganisationService Orgs => _store.Get<OrganisationService>();
    private OrganisationContactService Contacts => _store.Get<OrganisationContactService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<OrganisationRow> NewOrgAsync(string country = "GB") => (await Orgs.CreateAsync(new CreateOrganisation
    {
        ConfirmedNotDuplicate = true,
        Name = "Up Marden Farms Ltd", BillingEmail = "accounts@upmarden.example", CountryCode = country,
        Owner = new CreateMember { Email = "olive@upmarden.example", GivenName = "Olive", FamilyName = "Owner" },
    })).Organisation;

    private static AddressFields Address(AddressKind kind = AddressKind.Billing, string line1 = "1 Orchard Lane", string postcode = "PO18 9JP",
        string country = "GB") => new()
    {
        Kind = kind, Line1 = line1, City = "Chichester", Postcode = postcode, CountryCode = country,
    };

    /// <summary>Adds an address a minute after the previous one, so "oldest" is unambiguous; returns it and the new version.</summary>
    private async Task<(AddressRow Row, long Version)> AddAsync(Guid orgId, long version, AddressFields fields)
    {
        _store.Clock.Advance(TimeSpan.FromMinutes(1));
        var change = await Contacts.AddAddressAsync(orgId, fields, version);
        return (change.Item, change.Version);
    }

    private async Task<(PhoneNumberRow Row, long Version)> AddPhoneAsync(Guid orgId, long version, string number, string label = "Main")
    {
        _store.Clock.Advance(TimeSpan.FromMinutes(1));
        var change = await Contacts.AddPhoneNumberAsync(orgId, new PhoneNumberFields { Label = label, Number = number }, version);
        return (change.Item, change.Version);
    }

    private async Task<Dictionary<Guid, bool>> PrimariesAsync(Guid orgId) =>
        (await Contacts.GetAsync(orgId)).Addresses.ToDictionary(a => a.Id, a => a.IsPrimary);

    [Fact]
    public async Task AnAddressInTheEmirates_IsSavedWithoutAPostcode_AndOneInBritainIsNot()
    {
        var org = await NewOrgAsync();

        var (dubai, v) = await AddAsync(org.Id, org.Version, Address(line1: "Office 1204, Tower B", postcode: "", country: "AE"));

        Assert.Equal(("AE", ""), (dubai.CountryCode, dubai.Postcode));
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => Contacts.AddAddressAsync(org.Id, Address(postcode: ""), v));
        Assert.Equal(["postcode"], refused.Errors.Keys);
        Assert.Single((await Contacts.GetAsync(org.Id)).Addresses);
    }

    // ---- addresses: primary rules ----

    [Fact]
    public async Task TheFirstAddressOfAKind_IsPrimary_TheNextIsNot_AndEachKindHasItsOwnPrimary()
    {
        var org = await NewOrgAsync();
        var (billing, v) = await AddAsync(org.Id, org.Version, Address());
        var (second, v2) = await AddAsync(org.Id, v, Address(line1: "2 Orchard Lane"));
        var (shipping, _) = await AddAsync(org.Id, v2, Address(AddressKind.Shipping, "Unit 4, Depot Road"));

        Assert.True(billing.IsPrimary);
        Assert.False(second.IsPrimary);
        Assert.True(shipping.IsPrimary);
        var stored = await Contacts.GetAsync(org.Id);
        Assert.Equal([billing.Id, second.Id, shipping.Id], stored.Addresses.Select(a => a.Id)); // billing first, primary first
    }

    [Fact]
    public async Task MakingAnAddressPrimary_DemotesTheOtherOfItsKind_Only()
    {
        var org = await NewOrgAsync();
        var (first, v) = await AddAsync(org.Id, org.Version, Address());
        var (second, v2) = await AddAsync(org.Id, v, Address(line1: "2 Orchard Lane"));
        var (shipping, v3) = await AddAsync(org.Id, v2, Address(AddressKind.Shipping));

        var made = await Contacts.MakeAddressPrimaryAsync(org.Id, second.Id, v3);

        Assert.True(made.Item.IsPrimary);
        var primaries = await PrimariesAsync(org.Id);
        Assert.False(primaries[first.Id]);
        Assert.True(primaries[second.Id]);
        Assert.True(primaries[shipping.Id]);
    }

    [Fact]
    public async Task RemovingThePrimary_PromotesTheOldestRemainingOfThatKind()
    {
        var org = await NewOrgAsync();
        var (first, v) = await AddAsync(org.Id, org.Version, Address());
        var (second, v2) = await AddAsync(org.Id, v, Address(line1: "2 Orchard Lane"));
        var (third, v3) = await AddAsync(org.Id, v2, Address(line1: "3 Orchard Lane"));
        v3 = (await Contacts.MakeAddressPrimaryAsync(org.Id, third.Id, v3)).Version;

        var version = await Contacts.RemoveAddressAsync(org.Id, third.Id, v3);

        var primaries = await PrimariesAsync(org.Id);
        Assert.Equal(2, primaries.Count);
        Assert.True(primaries[first.Id]); // the oldest, not the most recent
        Assert.False(primaries[second.Id]);
        Assert.Equal(v3 + 1, version);
    }

    [Fact]
    public async Task RemovingANonPrimary_LeavesThePrimaryAlone_AndRemovingTheLastLeavesNone()
    {
        var org = await NewOrgAsync();
        var (first, v) = await AddAsync(org.Id, org.Version, Address());
        var (second, v2) = await AddAsync(org.Id, v, Address(line1: "2 Orchard Lane"));

        v2 = await Contacts.RemoveAddressAsync(org.Id, second.Id, v2);
        Assert.True((await PrimariesAsync(org.Id))[first.Id]);

        await Contacts.RemoveAddressAsync(org.Id, first.Id, v2);
        Assert.Empty((await Contacts.GetAsync(org.Id)).Addresses);
    }

    [Fact]
    public async Task MovingThePrimaryToTheOtherKind_PromotesTheOldestLeft_AndJoinsAsSecondary()
    {
        var org = await NewOrgAsync();
        var (billing1, v) = await AddAsync(org.Id, org.Version, Address());
        var (billing2, v2) = await AddAsync(org.Id, v, Address(line1: "2 Orchard Lane"));
        var (shipping, v3) = await AddAsync(org.Id, v2, Address(AddressKind.Shipping));

        var moved = await Contacts.UpdateAddressAsync(org.Id, billing1.Id, Address(AddressKind.Shipping, "1 Orchard Lane"), v3);

        Assert.Equal(AddressKind.Shipping, moved.Item.Kind);
        Assert.False(moved.Item.IsPrimary);
        var primaries = await PrimariesAsync(org.Id);
        Assert.True(primaries[billing2.Id]);
        Assert.True(primaries[shipping.Id]);
    }

    [Fact]
    public async Task EditingAnAddress_TrimsAndNormalisesIt_AndKeepsItPrimary()
    {
        var org = await NewOrgAsync();
        var (address, v) = await AddAsync(org.Id, org.Version, Address());

        var edited = await Contacts.UpdateAddressAsync(org.Id, address.Id, new AddressFields
        {
            Kind = AddressKind.Billing, Label = "  Head office ", Attention = " ", Line1 = " 10 Downing Street ", Line2 = "",
            City = " London ", Region = "Greater London", Postcode = "sw1a2aa", CountryCode = "GB",
        }, v);

        Assert.Equal("Head office", edited.Item.Label);
        Assert.Null(edited.Item.Attention);
        Assert.Equal("10 Downing Street", edited.Item.Line1);
        Assert.Null(edited.Item.Line2);
        Assert.Equal("London", edited.Item.City);
        Assert.Equal("SW1A 2AA", edited.Item.Postcode);
        Assert.True(edited.Item.IsPrimary);
    }

    // ---- addresses: validation of each field ----

    [Theory]
    [InlineData("line1", "")]
    [InlineData("line1", "LONG")]
    [InlineData("line2", "LONG")]
    [InlineData("city", " ")]
    [InlineData("city", "LONG")]
    [InlineData("region", "LONG")]
    [InlineData("label", "LONG")]
    [InlineData("attention", "LONG")]
    [InlineData("postcode", "")]
    [InlineData("postcode", "1234567890123")]
    [InlineData("postcode", "PO18@9JP")]
    [InlineData("postcode", "12345")] // not a British postcode
    [InlineData("countryCode", "XX")]
    [InlineData("countryCode", "gb")]
    [InlineData("kind", "7")]
    public async Task AnAddressWithABadField_IsAFieldError_AndSavesNothing(string field, string value)
    {
        var org = await NewOrgAsync();
        var fields = Address();
        var text = value == "LONG" ? new string('a', 201) : value;
        switch (field)
        {
            case "line1": fields.Line1 = text; break;
            case "line2": fields.Line2 = text; break;
            case "city": fields.City = text; break;
            case "region": fields.Region = text; break;
            case "label": fields.Label = text; break;
            case "attention": fields.Attention = text; break;
            case "postcode": fields.Postcode = text; break;
            case "countryCode": fields.CountryCode = text; break;
            case "kind": fields.Kind = (AddressKind)int.Parse(value); break;
        }

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Contacts.AddAddressAsync(org.Id, fields, org.Version));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Empty((await Contacts.GetAsync(org.Id)).Addresses);
    }

    [Theory]
    [InlineData("NL", "1012AB", "1012 AB")]
    [InlineData("DE", "10115", "10115")]
    [InlineData("US", "94105-1234", "94105-1234")]
    [InlineData("ZA", "8001", "8001")] // no format on file: any sensible postcode
    [InlineData("GB", " ec1a  1bb ", "EC1A 1BB")]
    public async Task PostcodesAreCheckedAndTidiedForTheirCountry(string country, string postcode, string stored)
    {
        var org = await NewOrgAsync();
        var (address, _) = await AddAsync(org.Id, org.Version, Address(postcode: postcode, country: country));
        Assert.Equal(stored, address.Postcode);
    }

    [Fact]
    public async Task ADutchPostcode_IsRefusedInGermany_WithTheExpectedForm()
    {
        var org = await NewOrgAsync();
        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Contacts.AddAddressAsync(org.Id, Address(postcode: "1012 AB", country: "DE"), org.Version));
        Assert.Contains("like 10115", error.Errors["postcode"].Single());
    }

    // ---- phone numbers ----

    [Theory]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+44 (0)20 7946-0958", "+442079460958")]
    [InlineData("+31.20.123.4567", "+31201234567")]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    public async Task PhoneNumbers_AreStoredInE164(string typed, string stored)
    {
        var org = await NewOrgAsync();
        var (phone, _) = await AddPhoneAsync(org.Id, org.Version, typed);
        Assert.Equal(stored, phone.Number);
    }

    [Theory]
    [InlineData("020 7946 0958")] // no country code
    [InlineData("0044 20 7946 0958")]
    [InlineData("+0 20 7946 0958")]
    [InlineData("+44 20 79AB 0958")]
    [InlineData("+12345")] // too short
    [InlineData("+1234567890123456")] // too long
    [InlineData("")]
    public async Task APhoneNumberNotInInternationalForm_IsAFieldError(string typed)
    {
        var org = await NewOrgAsync();
        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Contacts.AddPhoneNumberAsync(org.Id, new PhoneNumberFields { Label = "Main", Number = typed }, org.Version));
        Assert.Equal(["number"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("LONG")]
    public async Task APhoneLabel_IsRequiredAndShort(string label)
    {
        var org = await NewOrgAsync();
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Contacts.AddPhoneNumberAsync(org.Id,
            new PhoneNumberFields { Label = label == "LONG" ? new string('a', 51) : label, Number = "+442079460958" }, org.Version));
        Assert.Equal(["label"], error.Errors.Keys);
    }

    [Fact]
    public async Task PhoneNumbers_HaveOnePrimary_ThatMovesAndIsPromotedOnRemoval()
    {
        var org = await NewOrgAsync();
        var (main, v) = await AddPhoneAsync(org.Id, org.Version, "+44 20 7946 0958");
        var (accounts, v2) = await AddPhoneAsync(org.Id, v, "+44 20 7946 0959", "Accounts");
        var (mobile, v3) = await AddPhoneAsync(org.Id, v2, "+44 161 496 0123", "Mobile");
        Assert.True(main.IsPrimary);
        Assert.False(accounts.IsPrimary);

        v3 = (await Contacts.MakePhoneNumberPrimaryAsync(org.Id, mobile.Id, v3)).Version;
        Assert.Equal([mobile.Id], (await Contacts.GetAsync(org.Id)).PhoneNumbers.Where(p => p.IsPrimary).Select(p => p.Id));

        await Contacts.RemovePhoneNumberAsync(org.Id, mobile.Id, v3);
        var left = (await Contacts.GetAsync(org.Id)).PhoneNumbers;
        Assert.Equal([main.Id], left.Where(p => p.IsPrimary).Select(p => p.Id));
        Assert.Equal(2, left.Count);
    }

    [Fact]
    public async Task TheSamePhoneNumberTwice_IsAFieldError_ButEditingOneKeepsItsOwnNumber()
    {
        var org = await NewOrgAsync();
        var (main, v) = await AddPhoneAsync(org.Id, org.Version, "+44 20 7946 0958");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Contacts.AddPhoneNumberAsync(org.Id, new PhoneNumberFields { Label = "Accounts", Number = "+44 (0)20-7946-0958" }, v));
        Assert.Contains("already", error.Errors["number"].Single());

        var edited = await Contacts.UpdatePhoneNumberAsync(org.Id, main.Id, new PhoneNumberFields { Label = "Reception", Number = "+442079460958" }, v);
        Assert.Equal("Reception", edited.Item.Label);
        Assert.True(edited.Item.IsPrimary);
    }

    // ---- VAT numbers ----

    [Theory]
    [InlineData("GB", "GB 123 4567 89", "GB123456789")]
    [InlineData("GB", "123456789", "GB123456789")]
    [InlineData("GB", "gb123.456.789.012", "GB123456789012")]
    [InlineData("XI", "XI 123 4567 89", "XI123456789")]
    [InlineData("NL", "nl 8517.44.125 b01", "NL851744125B01")]
    [InlineData("DE", "DE-123-456-789", "DE123456789")]
    [InlineData("FR", "FR 40 303265045", "FR40303265045")]
    [InlineData("AT", "U12345678", "ATU12345678")]
    [InlineData("GR", "GR 094014201", "EL094014201")]
    [InlineData("CH", "CHE-123.456.789 MWST", "CHE123456789MWST")]
    [InlineData("NO", "NO 923 609 016 MVA", "NO923609016MVA")]
    [InlineData("US", "12-3456789", "US123456789")] // no format on file: the generic rule
    public async Task VatNumbers_AreNormalisedWithTheirPrefix_AndStartUnverified(string country, string typed, string stored)
    {
        var org = await NewOrgAsync();
        var vat = (await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = country, Number = typed }, org.Version)).Item;

        Assert.Equal(stored, vat.Number);
        Assert.Equal(VatState.Unverified, vat.State);
        Assert.Null(vat.CheckedAt);
        Assert.Null(vat.CheckedBy);
    }

    [Theory]
    [InlineData("GB", "GB12345678")] // 8 digits
    [InlineData("GB", "NL123456789B01")]
    [InlineData("NL", "NL123456789")] // no B01
    [InlineData("DE", "DE12345678X")]
    [InlineData("AT", "AT12345678")] // no U
    [InlineData("SE", "SE123456789012")] // must end 01
    [InlineData("FR", "FRIO123456789")] // no I or O in the key
    [InlineData("US", "US1")] // generic: 2 to 14
    [InlineData("US", "US1234567890123456")]
    public async Task AVatNumberOfTheWrongFormatForItsCountry_IsAFieldError(string country, string typed)
    {
        var org = await NewOrgAsync();
        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = country, Number = typed }, org.Version));
        Assert.Equal(["number"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("ZZ", "123456789", "countryCode")]
    [InlineData("GB", " ", "number")]
    [InlineData("GB", "LONG", "number")]
    public async Task AVatNumberNeedsAKnownCountryAndANumber(string country, string typed, string field)
    {
        var org = await NewOrgAsync();
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Contacts.AddVatNumberAsync(org.Id,
            new VatNumberFields { CountryCode = country, Number = typed == "LONG" ? new string('1', 33) : typed }, org.Version));
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task TheSameVatNumberTwice_IsAFieldError_HoweverItIsWritten()
    {
        var org = await NewOrgAsync();
        var v = (await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, org.Version)).Version;

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "123 4567 89" }, v));

        Assert.Contains("already", error.Errors["number"].Single());
        Assert.Single((await Contacts.GetAsync(org.Id)).VatNumbers);
    }

    [Fact]
    public async Task RecordingACheck_StoresTheResultWhoAndWhen_AndTheRegisteredName()
    {
        var org = await NewOrgAsync();
        var added = await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, org.Version);
        _store.ActAs(Roles.Admin, email: "ada@portal.example");
        _store.Clock.Advance(TimeSpan.FromHours(2));

        var checkedVat = await Contacts.RecordVatCheckAsync(org.Id, added.Item.Id,
            new VatCheck { Result = VatState.Valid, RegisteredName = "  UP MARDEN FARMS LIMITED " }, added.Version);

        Assert.Equal(VatState.Valid, checkedVat.Item.State);
        Assert.Equal("UP MARDEN FARMS LIMITED", checkedVat.Item.RegisteredName);
        Assert.Equal("ada@portal.example", checkedVat.Item.CheckedBy);
        Assert.Equal(_store.Clock.GetUtcNow(), checkedVat.Item.CheckedAt);

        var recheck = await Contacts.RecordVatCheckAsync(org.Id, added.Item.Id, new VatCheck { Result = VatState.Invalid }, checkedVat.Version);
        Assert.Equal(VatState.Invalid, recheck.Item.State);
        Assert.Null(recheck.Item.RegisteredName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(VatState.Unverified)]
    public async Task ACheckMustSayValidOrInvalid(VatState? result)
    {
        var org = await NewOrgAsync();
        var added = await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, org.Version);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Contacts.RecordVatCheckAsync(org.Id, added.Item.Id, new VatCheck { Result = result }, added.Version));

        Assert.Equal(["result"], error.Errors.Keys);
    }

    [Fact]
    public async Task ARegisteredNameOverItsLimit_IsAFieldError()
    {
        var org = await NewOrgAsync();
        var added = await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, org.Version);
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Contacts.RecordVatCheckAsync(org.Id, added.Item.Id,
            new VatCheck { Result = VatState.Valid, RegisteredName = new string('a', 201) }, added.Version));
        Assert.Equal(["registeredName"], error.Errors.Keys);
    }

    [Fact]
    public async Task RemovingAVatNumber_TakesItOffTheOrganisation()
    {
        var org = await NewOrgAsync();
        var added = await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "NL", Number = "NL851744125B01" }, org.Version);

        await Contacts.RemoveVatNumberAsync(org.Id, added.Item.Id, added.Version);

        Assert.Empty((await Contacts.GetAsync(org.Id)).VatNumbers);
    }

    [Fact]
    public async Task CorrectingAVatNumber_MakesItUnverifiedAgain_ButTheSameNumberWrittenDifferentlyKeepsItsCheck()
    {
        var org = await NewOrgAsync();
        var added = await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, org.Version);
        var valid = await Contacts.RecordVatCheckAsync(org.Id, added.Item.Id, new VatCheck { Result = VatState.Valid, RegisteredName = "UP MARDEN" }, added.Version);

        var retyped = await Contacts.UpdateVatNumberAsync(org.Id, added.Item.Id, new VatNumberFields { CountryCode = "GB", Number = "123 4567 89" }, valid.Version);
        Assert.Equal(("GB123456789", VatState.Valid, "UP MARDEN"), (retyped.Item.Number, retyped.Item.State, retyped.Item.RegisteredName));

        var corrected = await Contacts.UpdateVatNumberAsync(org.Id, added.Item.Id, new VatNumberFields { CountryCode = "XI", Number = "987654321" }, retyped.Version);
        Assert.Equal(("XI", "XI987654321", VatState.Unverified), (corrected.Item.CountryCode, corrected.Item.Number, corrected.Item.State));
        Assert.Equal((null, null, null), (corrected.Item.CheckedAt, corrected.Item.CheckedBy, corrected.Item.RegisteredName));
        var stored = Assert.Single((await Contacts.GetAsync(org.Id)).VatNumbers);
        Assert.Equal((added.Item.Id, "XI987654321", VatState.Unverified), (stored.Id, stored.Number, stored.State));
    }

    [Fact]
    public async Task CorrectingAVatNumberToOneTheOrganisationHas_OrToABadFormat_IsAFieldError_AndChangesNothing()
    {
        var org = await NewOrgAsync();
        var first = await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, org.Version);
        var second = await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "NL", Number = "NL851744125B01" }, first.Version);

        var taken = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Contacts.UpdateVatNumberAsync(org.Id, second.Item.Id, new VatNumberFields { CountryCode = "GB", Number = "GB 123 456 789" }, second.Version));
        Assert.Contains("already one of", taken.Errors["number"][0]);
        var malformed = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Contacts.UpdateVatNumberAsync(org.Id, second.Item.Id, new VatNumberFields { CountryCode = "NL", Number = "NL12" }, second.Version));
        Assert.Equal(["number"], malformed.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Contacts.UpdateVatNumberAsync(org.Id, Guid.CreateVersion7(), new VatNumberFields { CountryCode = "DE", Number = "DE123456789" }, second.Version));

        var stored = await Contacts.GetAsync(org.Id);
        Assert.Equal(["GB123456789", "NL851744125B01"], stored.VatNumbers.Select(v => v.Number));
        Assert.Equal(second.Version, stored.Version);
    }

    // ---- the aggregate: version, archive, concurrency, not found, audit, permissions ----

    [Fact]
    public async Task EveryChange_MovesTheOrganisationsVersion()
    {
        var org = await NewOrgAsync();
        var (address, v) = await AddAsync(org.Id, org.Version, Address());
        Assert.Equal(org.Version + 1, v);
        Assert.Equal(v, (await Orgs.GetAsync(org.Id)).Organisation.Version);
        Assert.Equal(v, (await Contacts.GetAsync(org.Id)).Version);

        var again = await Contacts.MakeAddressPrimaryAsync(org.Id, address.Id, v);
        Assert.Equal(v, again.Version); // it was the primary already: nothing changed, so the version stays

        Assert.Equal(v + 1, await Contacts.RemoveAddressAsync(org.Id, address.Id, v));
    }

    [Fact]
    public async Task AStaleVersion_IsAConcurrencyConflict_AndChangesNothing()
    {
        var org = await NewOrgAsync();
        await Orgs.UpdateAsync(org.Id, new UpdateOrganisation { Name = "Renamed Ltd", BillingEmail = "a@b.example", CountryCode = "GB", Version = org.Version });

        await Assert.ThrowsAsync<ConcurrencyException>(() => Contacts.AddAddressAsync(org.Id, Address(), org.Version));
        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Contacts.AddPhoneNumberAsync(org.Id, new PhoneNumberFields { Label = "Main", Number = "+442079460958" }, org.Version));
        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, org.Version));

        var stored = await Contacts.GetAsync(org.Id);
        Assert.Empty(stored.Addresses);
        Assert.Empty(stored.PhoneNumbers);
        Assert.Empty(stored.VatNumbers);
    }

    [Fact]
    public async Task AnArchivedOrganisation_IsReadOnly()
    {
        var org = await NewOrgAsync();
        var (address, v) = await AddAsync(org.Id, org.Version, Address());
        var vat = await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, v);
        var archived = (await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = vat.Version })).Organisation;
        var version = archived.Version;

        async Task Refused(Func<Task> act) =>
            Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(act)).Code);
        await Refused(() => Contacts.AddAddressAsync(org.Id, Address(), version));
        await Refused(() => Contacts.UpdateAddressAsync(org.Id, address.Id, Address(line1: "Elsewhere"), version));
        await Refused(() => Contacts.RemoveAddressAsync(org.Id, address.Id, version));
        await Refused(() => Contacts.MakeAddressPrimaryAsync(org.Id, address.Id, version));
        await Refused(() => Contacts.AddPhoneNumberAsync(org.Id, new PhoneNumberFields { Label = "Main", Number = "+442079460958" }, version));
        await Refused(() => Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "NL", Number = "NL851744125B01" }, version));
        await Refused(() => Contacts.RecordVatCheckAsync(org.Id, vat.Item.Id, new VatCheck { Result = VatState.Valid }, version));
        await Refused(() => Contacts.RemoveVatNumberAsync(org.Id, vat.Item.Id, version));
        await Refused(() => Contacts.UpdateVatNumberAsync(org.Id, vat.Item.Id, new VatNumberFields { CountryCode = "GB", Number = "GB987654321" }, version));
        Assert.True((await Contacts.GetAsync(org.Id)).IsReadOnly);
    }

    [Fact]
    public async Task UnknownOrganisationsAndItems_AreNotFound()
    {
        var org = await NewOrgAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => Contacts.GetAsync(Guid.CreateVersion7()));
        await Assert.ThrowsAsync<NotFoundException>(() => Contacts.AddAddressAsync(Guid.CreateVersion7(), Address(), 1));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Contacts.RemoveAddressAsync(org.Id, Guid.CreateVersion7(), org.Version));
        Assert.Equal("Address", missing.Entity);
        await Assert.ThrowsAsync<NotFoundException>(() => Contacts.MakePhoneNumberPrimaryAsync(org.Id, Guid.CreateVersion7(), org.Version));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Contacts.RecordVatCheckAsync(org.Id, Guid.CreateVersion7(), new VatCheck { Result = VatState.Valid }, org.Version));
        Assert.Equal(org.Version, (await Contacts.GetAsync(org.Id)).Version);
    }

    [Fact]
    public async Task Changes_AreAudited_WithTheActor()
    {
        var org = await NewOrgAsync();
        var (address, v) = await AddAsync(org.Id, org.Version, Address());
        var vat = await Contacts.AddVatNumberAsync(org.Id, new VatNumberFields { CountryCode = "GB", Number = "GB123456789" }, v);
        _store.Clock.Advance(TimeSpan.FromMinutes(5));
        await Contacts.RecordVatCheckAsync(org.Id, vat.Item.Id, new VatCheck { Result = VatState.Invalid }, vat.Version);

        var audit = _store.Get<AuditService>();
        var addressHistory = await audit.HistoryAsync(nameof(OrganisationAddress), address.Id.ToString(), new ListQuery());
        var created = Assert.Single(addressHistory.Items);
        Assert.Equal("staff@test.example", created.Actor);
        Assert.Contains(created.Changes, c => c is { Field: "postcode", To: "PO18 9JP" });
        var vatHistory = await audit.HistoryAsync(nameof(OrganisationVatNumber), vat.Item.Id.ToString(), new ListQuery());
        Assert.Equal(2, vatHistory.Total);
        Assert.Contains(vatHistory.Items[0].Changes, c => c is { Field: "state", From: "Unverified", To: "Invalid" });
    }

    [Fact]
    public async Task Writes_AreForStaffAndAdmins_ViewersMayRead_WarehouseNeither()
    {
        var org = await NewOrgAsync();
        var (address, v) = await AddAsync(org.Id, org.Version, Address());
        _store.ActAs(Roles.Viewer);

        Assert.Single((await Contacts.GetAsync(org.Id)).Addresses);
        // The role is checked before the input: a viewer is told "not allowed", not what is wrong with the fields.
        await Assert.ThrowsAsync<ForbiddenException>(() => Contacts.AddAddressAsync(org.Id, new AddressFields(), v));
        await Assert.ThrowsAsync<ForbiddenException>(() => Contacts.RemoveAddressAsync(org.Id, address.Id, v));
        await Assert.ThrowsAsync<ForbiddenException>(() => Contacts.AddVatNumberAsync(org.Id, new VatNumberFields(), v));
        await Assert.ThrowsAsync<ForbiddenException>(() => Contacts.RecordVatCheckAsync(org.Id, Guid.CreateVersion7(), new VatCheck(), v));
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Contacts.GetAsync(org.Id));
        _store.ActAs(Roles.Admin);
        Assert.Equal(v + 1, await Contacts.RemoveAddressAsync(org.Id, address.Id, v));
    }

    [Fact]
    public async Task DeletingAnOrganisationsRows_CascadesToItsContacts()
    {
        var org = await NewOrgAsync();
        var (_, v) = await AddAsync(org.Id, org.Version, Address());
        await AddPhoneAsync(org.Id, v, "+442079460958");

        await using var db = await _store.DbAsync();
        await db.Organisations.Where(o => o.Id == org.Id).ExecuteDeleteAsync();

        Assert.Equal(0, await db.Set<OrganisationAddress>().CountAsync());
        Assert.Equal(0, await db.Set<OrganisationPhoneNumber>().CountAsync());
    }
}
