namespace Portal.Api;

public static class OrganisationsApi
{
    public static readonly ApiTag Tag = new("Organisations",
        "The organisations Portal serves: their lifecycle (Pending → Active ⇄ Suspended → Archived), owner and members, " +
        "addresses, phone and VAT numbers, white-label domains, modules, bank details and invitations; CSV import and " +
        "export, and bulk changes. Admin and Staff change them, Viewers read them. The parts of an organisation carry the " +
        "organisation's ETag: send it as If-Match with every change (412 when it moved meanwhile, 428 when missing); an " +
        "archived organisation is read-only (409 `organisation.archived`).");

    /// <summary>The Organisations area's routes under /api/v1: the organisations and each of their parts.</summary>
    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder v1) => v1
        .MapOrganisationEndpoints()
        .MapContactEndpoints()
        .MapBankDetailsEndpoints()
        .MapInvitationEndpoints()
        .MapWhiteLabelEndpoints()
        .MapModuleEndpoints()
        .MapApplicationRequestEndpoints();
}
