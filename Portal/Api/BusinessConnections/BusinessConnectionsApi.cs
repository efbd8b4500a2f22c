namespace Portal.Api;

public static class BusinessConnectionsApi
{
    public static readonly ApiTag Tag = new("Business connections",
        "Business units of an organisation (farms, stores and regions: location, contact, tags, Red Tractor holding number, " +
        "SQC) with their CSV import; assurance certificates Portal holds (status valid → grace → expired follows the expiry " +
        "and the clock; the lookup by ISO 3166-1 alpha-3 country, postcode and holding number answers valid or in-grace ones " +
        "and runs against Portal's own certificates, not the scheme's live service); and directional connections from one " +
        "organisation to another with their relationships (trading, storage, carrier, organiser; at least one), contacts " +
        "(members of the connected organisation) and notes, with the duplicate check `POST /business-connections/exists` to run " +
        "before connecting a new organisation. Admin and Staff change them, Viewers read. Changes need the record's ETag as " +
        "If-Match (412 when it moved meanwhile, 428 when missing).");

    /// <summary>The Business connections area's routes under /api/v1.</summary>
    public static RouteGroupBuilder MapBusinessConnectionsApi(this RouteGroupBuilder v1) => v1
        .MapBusinessUnitEndpoints()
        .MapCertificateEndpoints()
        .MapBusinessConnectionEndpoints();
}
