using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Invitations;
using Portal.Domain.Logistics;
using Portal.Domain.Organisations;
using Portal.Domain.Pricing;
using Portal.Domain.Store;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// Every state a screen can be in, for the axe check (<see cref="AccessibilityTests"/>): each page in each status of
/// what it shows, as each role that sees it differently (their actions and navigation differ), light and dark. A new
/// area adds its rows to <see cref="States"/>. A row runs in the light theme once per role it lists, and in the dark
/// theme as its first role: the theme changes the colours, not the controls, and the first role listed is the one
/// that sees the most controls (a writer before a reader). A reader sees a subset of a writer's controls, so a record
/// page in several statuses lists its reader on one status only (the status changes the chip and the actions, which a
/// reader does not get): every case costs about 1.3 s of the suite.
/// </summary>
public static class AxeTour
{
    public const string Anonymous = "Anonymous";
    public const string Light = "light";
    public const string Dark = "dark";

    /// <summary>The dashboard's tiles and the navigation differ for each.</summary>
    private static readonly string[] Everyone = [Roles.Admin, Roles.Staff, Roles.Viewer, Roles.Warehouse];
    /// <summary>An organisation's header: writers get its actions; a Viewer only reads.</summary>
    private static readonly string[] OrganisationReaders = [Roles.Admin, Roles.Staff, Roles.Viewer];
    /// <summary>The organisations list and an organisation's tabs: a writer gets actions (check boxes, add and edit buttons) and
    /// a Viewer none; Staff see there what an Admin sees but the bank details' Reveal (a text button like the others).</summary>
    private static readonly string[] WriterAndReader = [Roles.Admin, Roles.Viewer];
    private static readonly string[] AdminOnly = [Roles.Admin];
    /// <summary>The pick screen: Warehouse picks; an Admin sees the same, and may take over a list.</summary>
    private static readonly string[] Pickers = [Roles.Warehouse, Roles.Admin];

    /// <summary>A state of a screen: its name, the roles that see it (each differently; the one seeing most controls first),
    /// and how to bring it about on a signed-in page of one of them.</summary>
    /// <param name="AlsoDark">false for a static page (sign-in: it has no dark mode), and where another state already sees
    /// the dark theme's colours in that place (a later area's list and its dialogs are the ServerGrid and MudDialog whose
    /// dark colours the organisation and staff screens check; its record page keeps its dark run).</param>
    public sealed record State(string Name, string[] Roles, Func<TourVisit, Task> OpenAsync, bool AlsoDark = true);

    /// <summary>The organisation statuses (and a pending one with no owner yet, which says so), as the detail page shows them.</summary>
    public static readonly string[] OrganisationStates = ["Pending", "Pending-no-owner", "Active", "Suspended", "Archived"];

    /// <summary>The detail page's tabs after Overview (an active organisation's: an archived one shows the same without actions).</summary>
    private static readonly string[] OrganisationTabs = ["Addresses & contacts", "Members", "Domains", "Modules", "Subscription", "Billing details", "Invitations", "Pricing", "Connections", "History"];
    /// <summary>The tabs a Viewer sees drawn differently, not only with fewer buttons: read-only switches (Modules), masked
    /// bank details without Reveal (Billing details), members without their menus.</summary>
    private static readonly string[] TabsReadersSeeDifferently = ["Members", "Modules", "Billing details"];

    public static readonly IReadOnlyList<State> States =
    [
        new("sign-in", [Anonymous], v => v.GoToAsync("/account/sign-in"), AlsoDark: false),
        new("dashboard", Everyone, async v =>
        {
            await v.OpenAsync("/");
            await Expect(v.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        }),
        // The command palette: an Admin's has every group; a Warehouse user's only logistics and their actions.
        new("command-palette", [Roles.Admin, Roles.Warehouse], async v =>
        {
            await v.OpenAsync("/");
            var palette = await new CommandPalettePage(v.Page).OpenWithKeyboardAsync();
            await palette.SearchAsync("a");
        }),
        new("command-palette/actions", [Roles.Staff], async v =>
        {
            await v.OpenAsync("/");
            var palette = await new CommandPalettePage(v.Page).OpenWithButtonAsync();
            await Expect(palette.Group("Actions")).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("access-denied", [Roles.Warehouse], async v =>
        {
            await v.OpenAsync("/organisations");
            await Expect(new PortalPage(v.Page).AccessDenied).ToBeVisibleAsync();
        }),

        // Admin
        new("staff-users", AdminOnly, async v =>
        {
            await v.OpenAsync(StaffUsersPage.Path + "?" + TourVisit.ListPage);
            await new StaffUsersPage(v.Page).WaitForRowsAsync();
        }),
        new("staff-user-detail", AdminOnly, async v =>
        {
            await (await new StaffUsersPage(v.Page).OpenAsync()).OpenUserAsync("Sam Staff");
        }),
        new("api-keys", AdminOnly, v => new ApiKeysPage(v.Page).OpenAsync()),
        new("api-keys/new-key-dialog", AdminOnly, async v =>
        {
            var keys = await new ApiKeysPage(v.Page).OpenAsync();
            await v.Page.GetByRole(AriaRole.Button, new() { Name = "New API key" }).ClickAsync();
            await Expect(keys.Dialog).ToBeVisibleAsync();
        }),
        new("audit", AdminOnly, async v =>
        {
            await v.OpenAsync("/admin/audit?" + TourVisit.ListPage);
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync();
        }),
        new("audit/security-events", AdminOnly, async v =>
        {
            await v.OpenAsync("/admin/audit?security=true");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByText("Signed in").First).ToBeVisibleAsync();
        }),
        new("outbox", AdminOnly, async v =>
        {
            await v.OpenAsync("/admin/outbox");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync(); // the newest email, whatever the demo queued last
        }),

        // Organisations: the list, and filtered to each status (their chips in the dark theme: the unfiltered list and
        // each status's Overview), with a selection (the bulk bar), and the new-organisation dialog
        new("organisations", WriterAndReader, v => v.OrganisationsAsync()),
        .. new[] { "Pending", "Active", "Suspended", "Archived" }.Select(status =>
            new State($"organisations?status={status}", AdminOnly, v => v.OrganisationsAsync($"status={status}"), AlsoDark: false)),
        new("organisations/selected", AdminOnly, async v =>
        {
            var list = await v.OrganisationsAsync();
            await list.Grid.GetByRole(AriaRole.Checkbox).Nth(1).CheckAsync();
            await Expect(list.BulkBar).ToBeVisibleAsync();
        }),
        new("organisations/new-dialog", AdminOnly, async v =>
        {
            var list = await v.OrganisationsAsync();
            await list.OpenCreateDialogAsync();
        }),
        new("organisations/new-dialog/duplicate", AdminOnly, async v =>
        {
            var existing = await v.AsAdminAsync(async s => (await s.GetRequiredService<OrganisationService>()
                .ListAsync(new OrganisationQuery { Country = "GB", PageSize = 1 })).Items[0].Name);
            var list = await v.OrganisationsAsync();
            await list.OpenCreateDialogAsync();
            await list.FillAndCreateAsync(existing, "accounts@tour-duplicate.example", "Tess", "Tour", "tess@tour-duplicate.example");
            await Expect(list.Dialog.GetByTestId("duplicate-warning")).ToBeVisibleAsync();
        }, AlsoDark: false),

        // An organisation: the Overview in every status, each tab, the action dialogs
        // (Staff see an organisation's header as an Admin does: once, on the active one.)
        .. OrganisationStates.Select(state =>
            new State($"organisation[{state}]", state == "Active" ? OrganisationReaders : AdminOnly, v => v.OrganisationAsync(state))),
        .. OrganisationTabs.Select(tab =>
            new State($"organisation[Active]/{tab}", TabsReadersSeeDifferently.Contains(tab) ? WriterAndReader : AdminOnly, async v =>
            {
                var detail = await v.OrganisationAsync("Active");
                await detail.Tab(tab).SelectTabAsync();
                await Expect(detail.Tab(tab)).ToHaveAttributeAsync("aria-selected", "true");
                await v.SettledAsync();
            })),
        new("organisation[Pending]/activate-dialog", AdminOnly, v => v.ActionDialogAsync("Pending", "Activate")),
        new("organisation[Active]/edit-dialog", AdminOnly, v => v.ActionDialogAsync("Active", "Edit")),
        new("organisation[Active]/suspend-dialog", AdminOnly, v => v.ActionDialogAsync("Active", "Suspend")),
        // Application requests: a demo organisation with one in every state (the tour's active one may have none).
        new("organisation[Active]/Application requests", WriterAndReader, async v =>
        {
            var id = await v.AsAdminAsync(async services =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
                return await db.ApplicationRequests.Where(r => r.State == ApplicationRequestState.Complete).Select(r => r.OrganisationId).FirstAsync();
            });
            var detail = new OrganisationDetailPage(v.Page);
            await v.OpenAsync($"/organisations/{id}");
            await detail.Tab("Application requests").SelectTabAsync();
            await Expect(v.Page.Locator("[aria-label='Application requests'] tbody tr").First).ToBeVisibleAsync();
            await v.SettledAsync();
        }, AlsoDark: false),

        // The pick screen: my lists (a free, overdue list), and the walk mid-list, after a wrong scan, finished.
        new("pick", Pickers, async v => await v.PickListsAsync()),
        new("pick-walk", Pickers, v => v.PickWalkAsync("mid-list")),
        new("pick-walk/wrong-scan", [Roles.Warehouse], v => v.PickWalkAsync("wrong-scan")),
        new("pick-walk/missing-reasons", [Roles.Warehouse], v => v.PickWalkAsync("missing-reasons"), AlsoDark: false),
        new("pick-walk/finished", [Roles.Warehouse], v => v.PickWalkAsync("finished")),
        new("pick-walk/hold-reasons", [Roles.Warehouse], v => v.PickWalkAsync("hold-reasons"), AlsoDark: false),
        new("pick-walk/on-hold", [Roles.Warehouse], v => v.PickWalkAsync("on-hold")),
        new("pick-walk/other-position", [Roles.Warehouse], v => v.PickWalkAsync("other-position")),
        new("pick-walk/lot", [Roles.Warehouse], v => v.PickWalkAsync("lot"), AlsoDark: false),
        new("pick-print", [Roles.Warehouse], async v =>
        {
            var (listId, _) = await v.PickListsAsync();
            await v.OpenAsync($"/pick/{listId}/print");
            await Expect(v.Page.GetByTestId("pick-sheet-line")).ToHaveCountAsync(3);
        }),
        // The packing station: a pick list's totes found by its number, the station with an open parcel, after a refused
        // scan, its parcel handed to the carrier; the parcel's label and the packing slip.
        new("pack", Pickers, v => v.PackFindAsync()),
        new("pack-station", Pickers, async v => await v.PackStationAsync("open-parcel")),
        new("pack-station/refused", [Roles.Warehouse], async v => await v.PackStationAsync("refused")),
        new("pack-station/in-transit", [Roles.Warehouse], async v => await v.PackStationAsync("in-transit")),
        new("pack-label", [Roles.Warehouse], async v =>
        {
            await v.PackStationAsync("in-transit");
            await v.Page.GetByRole(AriaRole.Link, new() { Name = "Label", Exact = true }).ClickAsync();
            await Expect(v.Page.GetByTestId("parcel-label-code")).ToBeVisibleAsync();
        }),
        new("pack-slip", [Roles.Warehouse], async v =>
        {
            var id = await v.PackStationAsync("in-transit");
            await v.OpenAsync($"/pack/{id}/slip");
            await Expect(v.Page.GetByTestId("packing-slip-line")).ToHaveCountAsync(2);
        }),
        // Logistics (staff screens): planners get selection and actions, a Viewer and Warehouse read.
        new("shipments", [Roles.Staff, Roles.Viewer, Roles.Warehouse], async v =>
        {
            await v.OpenAsync("/shipments?" + TourVisit.ListPage);
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        }),
        new("shipments/create-list-dialog", [Roles.Staff], async v =>
        {
            await v.OpenAsync("/shipments?status=Open&" + TourVisit.ListPage);
            await v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Checkbox).Nth(1).CheckAsync();
            await v.Page.GetByRole(AriaRole.Button, new() { Name = "Create handling list" }).ClickAsync();
            await Expect(v.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }),
        new("shipments/create-from-rule-dialog", [Roles.Staff], async v =>
        {
            await v.OpenAsync("/shipments?" + TourVisit.ListPage);
            await v.Page.GetByRole(AriaRole.Button, new() { Name = "Create from rule" }).ClickAsync();
            await Expect(v.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }),
        .. Enum.GetValues<ShipmentStatus>().Select(status => new State($"shipment[{status}]", status == ShipmentStatus.Packed ? [Roles.Staff, Roles.Viewer] : [Roles.Staff], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<ShipmentService>().ListAsync(new ShipmentQuery { Status = status, PageSize = 1 })).Items[0].Id);
            await v.OpenAsync($"/shipments/{id}");
            await Expect(v.Page.GetByTestId("shipment-status")).ToBeVisibleAsync();
            await v.SettledAsync();
        }, AlsoDark: status == ShipmentStatus.Packed)),
        new("shipping-methods", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/shipping-methods");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByText("DPD Next Day")).ToBeVisibleAsync();
        }),
        new("shipping-methods/new-dialog", [Roles.Staff], async v =>
        {
            await v.OpenAsync("/shipping-methods");
            await v.Page.GetByRole(AriaRole.Button, new() { Name = "New method" }).ClickAsync();
            await Expect(v.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }),
        new("business-units", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/business-units");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("business-units/new-dialog", [Roles.Staff], async v =>
        {
            await v.OpenAsync("/business-units");
            await v.Page.GetByRole(AriaRole.Button, new() { Name = "New unit" }).ClickAsync();
            await Expect(v.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("business-unit", [Roles.Staff, Roles.Viewer], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<Portal.Domain.BusinessConnections.BusinessUnitService>()
                .ListAsync(new Portal.Domain.BusinessConnections.BusinessUnitQuery { CertificateStatus = Portal.Domain.BusinessConnections.CertificateStatus.Valid })).Items[0].Id);
            await v.OpenAsync($"/business-units/{id}");
            await Expect(v.Page.GetByTestId("unit-holding")).ToBeVisibleAsync();
        }),
        new("business-connections", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/business-connections");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("business-connections/new-dialog", [Roles.Staff], async v =>
        {
            await v.OpenAsync("/business-connections");
            await v.Page.GetByRole(AriaRole.Button, new() { Name = "New connection" }).ClickAsync();
            await Expect(v.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("business-connection", [Roles.Staff, Roles.Viewer], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<Portal.Domain.BusinessConnections.BusinessConnectionService>()
                .ListAsync(new Portal.Domain.BusinessConnections.BusinessConnectionQuery())).Items[0].Id);
            await v.OpenAsync($"/business-connections/{id}");
            await Expect(v.Page.GetByRole(AriaRole.Tab, new() { Name = "Notes and contacts" })).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("certificates", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/certificates?needsAttention=true");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("certificate", [Roles.Staff, Roles.Viewer], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<Portal.Domain.BusinessConnections.CertificateService>()
                .ListAsync(new Portal.Domain.BusinessConnections.CertificateQuery { Linked = true })).Items[0].Id);
            await v.OpenAsync($"/certificates/{id}");
            await Expect(v.Page.GetByTestId("certificate-status")).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("locations", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/locations");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Leeds DC" })).ToBeVisibleAsync();
        }),
        new("locations/new-dialog", [Roles.Staff], async v =>
        {
            await v.OpenAsync("/locations");
            await v.Page.GetByRole(AriaRole.Button, new() { Name = "New location" }).ClickAsync();
            await Expect(v.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }),
        new("location", [Roles.Staff, Roles.Viewer], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<LocationService>().ListAsync(new LocationQuery { Q = "Leeds DC" })).Items[0].Id);
            await v.OpenAsync($"/locations/{id}");
            await Expect(v.Page.GetByTestId("position-row").First).ToBeVisibleAsync();
        }, AlsoDark: true),
        new("location/sku-defaults", [Roles.Staff], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<LocationService>().ListAsync(new LocationQuery { Q = "Leeds DC" })).Items[0].Id);
            await v.OpenAsync($"/locations/{id}");
            await v.Page.GetByRole(AriaRole.Tab, new() { Name = "SKU defaults (60)" }).SelectTabAsync();
            await Expect(v.Page.GetByText("1-25 of 60")).ToBeVisibleAsync();
        }),
        new("handling-lists", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/handling-lists");
            await Expect(v.Page.GetByTestId("list-board")).ToBeVisibleAsync();
        }),
        .. new[] { HandlingListState.Open, HandlingListState.InProgress, HandlingListState.OnHold, HandlingListState.Finished }.Select(state =>
            new State($"handling-list[{state}]", state == HandlingListState.InProgress ? [Roles.Staff, Roles.Viewer] : [Roles.Staff], async v =>
            {
                var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<HandlingListService>().ListAsync(new HandlingListQuery { State = state, PageSize = 1 })).Items[0].Id);
                await v.OpenAsync($"/handling-lists/{id}");
                await Expect(v.Page.GetByTestId("list-state")).ToBeVisibleAsync();
            }, AlsoDark: state == HandlingListState.InProgress)),
        new("invitations", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/invitations?" + TourVisit.ListPage);
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        }, AlsoDark: false),
        .. Enum.GetValues<InvitationState>().Select(state =>
            new State($"invitation[{state}]", state == InvitationState.Sent ? [Roles.Staff, Roles.Viewer] : [Roles.Staff], async v =>
            {
                var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<InvitationService>().ListAsync(new InvitationsQuery
                    { State = state.ToString(), Type = "joint|authorizedSigner", PageSize = 1 })).Items[0].Id);
                await v.OpenAsync($"/invitations/{id}");
                await Expect(v.Page.GetByTestId("invitation-state")).ToBeVisibleAsync();
            }, AlsoDark: state == InvitationState.Accepted)),
        new("invitation-accept", [Anonymous], v => v.GoToAsync("/invitations/accept?error=nomatch"), AlsoDark: false),

        // Pricing: the groups list, an enabled and a disabled group (prices grid), the import wizard
        new("pricing-groups", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/pricing-groups");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Retail NL" })).ToBeVisibleAsync();
        }, AlsoDark: false),
        .. new[] { "Retail NL", "Retail 2024" }.Select(name => new State($"pricing-group[{name}]", name == "Retail NL" ? [Roles.Staff, Roles.Viewer] : [Roles.Staff], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<PricingGroupService>().ListAsync(new PricingGroupQuery { Q = name })).Items[0].Id);
            await v.OpenAsync($"/pricing-groups/{id}");
            await Expect(v.Page.GetByTestId("group-state")).ToBeVisibleAsync();
            await Expect(v.Page.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync(); // the prices grid's first row
        }, AlsoDark: name == "Retail NL")),
        new("pricing-group/import-dialog", [Roles.Staff], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<PricingGroupService>().ListAsync(new PricingGroupQuery { Q = "Retail NL" })).Items[0].Id);
            await v.OpenAsync($"/pricing-groups/{id}");
            await v.Page.GetByRole(AriaRole.Button, new() { Name = "Import prices" }).ClickAsync();
            await Expect(v.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }, AlsoDark: false),

        // Billing: the plan catalogue, subscriptions, invoices
        new("plans", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/plans");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByText("Growth (yearly)")).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("plans/new-dialog", [Roles.Staff], async v =>
        {
            await v.OpenAsync("/plans");
            await v.Page.GetByRole(AriaRole.Button, new() { Name = "New plan" }).ClickAsync();
            await Expect(v.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("subscriptions", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync($"/subscriptions?{TourVisit.ListPage}");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("subscriptions[past-due]", [Roles.Staff], async v =>
        {
            await v.OpenAsync($"/subscriptions?queue=PastDue&{TourVisit.ListPage}");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("invoices", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync($"/invoices?{TourVisit.ListPage}");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByText("INV-").First).ToBeVisibleAsync();
        }, AlsoDark: false),
        .. new[] { Portal.Domain.Billing.InvoiceStatus.Paid, Portal.Domain.Billing.InvoiceStatus.Open }.Select(status =>
            new State($"invoice[{status}]", status == Portal.Domain.Billing.InvoiceStatus.Open ? [Roles.Staff, Roles.Viewer] : [Roles.Staff], async v =>
            {
                var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<Portal.Domain.Billing.InvoiceService>().ListAsync(new Portal.Domain.Billing.InvoiceQuery { Status = status, PageSize = 1 })).Items[0].Id);
                await v.OpenAsync($"/invoices/{id}");
                await Expect(v.Page.GetByTestId("invoice-status")).ToBeVisibleAsync();
            }, AlsoDark: status == Portal.Domain.Billing.InvoiceStatus.Open)),
        new("invoice/print", [Roles.Staff], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<Portal.Domain.Billing.InvoiceService>().ListAsync(new Portal.Domain.Billing.InvoiceQuery { PageSize = 1 })).Items[0].Id);
            await v.OpenAsync($"/invoices/{id}/print");
            await Expect(v.Page.GetByTestId("invoice-print")).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("organisation/subscription", [Roles.Staff], async v =>
        {
            var orgId = await v.AsAdminAsync(async s => (await s.GetRequiredService<Portal.Domain.Billing.SubscriptionService>().ListAsync(
                new Portal.Domain.Billing.SubscriptionQuery { Status = Portal.Domain.Billing.SubscriptionStatus.Active, PageSize = 1 })).Items[0].OrganisationId);
            await v.OpenAsync($"/organisations/{orgId}");
            await v.Page.GetByRole(AriaRole.Tab, new() { Name = "Subscription" }).SelectTabAsync();
            await Expect(v.Page.GetByTestId("subscription").First).ToBeVisibleAsync();
        }),

        // Agent connections: the agencies list, a demo agency (connect link and QR), the connections list, a completed connection
        new("agencies", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync("/agencies");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Northwind Identity" })).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("agency", [Roles.Staff, Roles.Viewer], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<Portal.Domain.AgentConnections.AgencyService>()
                .ListAsync(new Portal.Domain.AgentConnections.AgencyQuery { Q = "Northwind Identity" })).Items[0].Id);
            await v.OpenAsync($"/agencies/{id}");
            await Expect(v.Page.GetByTestId("connect-url")).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("agent-connections", [Roles.Staff, Roles.Viewer], async v =>
        {
            await v.OpenAsync($"/agent-connections?{TourVisit.ListPage}");
            await Expect(v.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("agent-connection", [Roles.Staff, Roles.Viewer], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<Portal.Domain.AgentConnections.AgentConnectionService>()
                .ListAsync(new Portal.Domain.AgentConnections.AgentConnectionQuery { State = Portal.Domain.AgentConnections.ConnectionState.Completed, PageSize = 1 })).Items[0].Id);
            await v.OpenAsync($"/agent-connections/{id}");
            await Expect(v.Page.GetByTestId("connection-state")).ToBeVisibleAsync();
        }, AlsoDark: false),
        new("plan", [Roles.Staff, Roles.Viewer], async v =>
        {
            var id = await v.AsAdminAsync(async s => (await s.GetRequiredService<Portal.Domain.Billing.PlanService>().ListAsync(new Portal.Domain.Billing.PlanQuery { Q = "Growth", PageSize = 1 })).Items[0].Id);
            await v.OpenAsync($"/plans/{id}");
            await Expect(v.Page.GetByTestId("plan-offered")).ToBeVisibleAsync();
        }, AlsoDark: false),
    ];

    /// <summary>(state, role, theme): every state as every role it lists in light, and as its first role in dark once per
    /// page (the first of its states that runs dark: "organisation[Pending]" for every organisation state and tab). The dark
    /// theme is MudBlazor's palette plus Portal's few colours, the same in every state of a page; the light run checks
    /// what differs between states. About 35 dark cases fewer, a minute of the suite.</summary>
    public static TheoryData<string, string, string> Rows()
    {
        var rows = new TheoryData<string, string, string>();
        var darkPages = new HashSet<string>();
        foreach (var state in States)
        {
            foreach (var role in state.Roles) rows.Add(state.Name, role, Light);
            if (state.AlsoDark && darkPages.Add(PageOf(state.Name))) rows.Add(state.Name, state.Roles[0], Dark);
        }
        return rows;
    }

    /// <summary>The page a state is of: its name up to the first status, tab, dialog or filter ("organisation[Active]/Members" → "organisation").</summary>
    private static string PageOf(string state) => state.Split('[', '/', '?')[0];

    public static State Find(string name) => States.Single(s => s.Name == name);

    /// <summary>
    /// A page signed in as a tour user of <paramref name="role"/> whose stored theme is <paramref name="theme"/>, made once
    /// per app and kept for every row of that role and theme (the tour's own users, so no other test's theme moves).
    /// </summary>
    public static Task<IPage> SessionAsync(PortalAppFixture app, string role, string theme) =>
        app.OnceAsync($"axe-tour:{role}:{theme}", async () =>
        {
            var page = await app.NewPageAsync();
            if (role == Anonymous) return page;
            var email = $"axe-{role}-{theme}@portal.test".ToLowerInvariant();
            await app.AsAdminAsync(async services =>
            {
                var created = await services.GetRequiredService<StaffUserService>().CreateAsync(new CreateStaffUser
                {
                    Email = email, DisplayName = $"Axe {role} {theme}", Roles = [role], Password = SignInPage.DemoPassword,
                });
                await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
                await db.Users.Where(u => u.Id == created.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PrefersDarkMode, theme == Dark));
                return created.Id;
            });
            var shell = await new SignInPage(page).SignInAs(email);
            await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-label", theme == Dark ? "Switch to light mode" : "Switch to dark mode");
            return page;
        });

    /// <summary>One demo organisation per entry of <see cref="OrganisationStates"/>: the one with the longest owner's email
    /// (the hardest to fit), so the tour sees what staff see in the demo data.</summary>
    public static Task<IReadOnlyDictionary<string, Guid>> OrganisationsAsync(PortalAppFixture app) =>
        app.OnceAsync<IReadOnlyDictionary<string, Guid>>("axe-tour:organisations", () => app.AsAdminAsync<IReadOnlyDictionary<string, Guid>>(async services =>
        {
            var orgs = services.GetRequiredService<OrganisationService>();
            var found = new Dictionary<string, Guid>();
            foreach (var status in Enum.GetValues<OrganisationStatus>())
            {
                var rows = (await orgs.ListAsync(new OrganisationQuery { Status = status, PageSize = ListQuery.MaxPageSize })).Items;
                var withOwner = rows.Where(r => r.OwnerEmail is not null).MaxBy(r => r.OwnerEmail!.Length + r.BillingEmail.Length);
                if (withOwner is not null) found[status.ToString()] = withOwner.Id;
                if (status == OrganisationStatus.Pending && rows.FirstOrDefault(r => r.OwnerEmail is null) is { } noOwner)
                    found["Pending-no-owner"] = noOwner.Id;
            }
            var missing = OrganisationStates.Except(found.Keys).ToList();
            if (missing.Count > 0) throw new InvalidOperationException($"The demo data has no organisation for {string.Join(", ", missing)}.");
            return found;
        }));
}

/// <summary>One row of the tour under way: the signed-in page, and how to get to the common places.</summary>
public sealed class TourVisit(PortalAppFixture app, IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>Reads what a state needs (say the id of a record in some status) from the app's services, as an Admin.</summary>
    public Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work) => app.AsAdminAsync(work);

    /// <summary>A static page (no circuit).</summary>
    public async Task GoToAsync(string path) => await Page.GotoAsync(path);

    /// <summary>A page of the app, interactive.</summary>
    public Task OpenAsync(string path) => new PortalPage(Page).OpenAsync(path);

    /// <summary>Until nothing in the page's content still loads (MudBlazor shows a progress bar while it does).</summary>
    public Task SettledAsync() => Expect(Page.Locator("#main .mud-progress-linear")).ToHaveCountAsync(0);

    /// <summary>A list's first page, shorter than its default: ten rows show every kind of cell, at less than half the
    /// cost of axe looking at 25.</summary>
    public const string ListPage = "pageSize=10";

    /// <summary>The organisations list (<paramref name="filter"/>: its URL's filter, e.g. <c>status=Active</c>).</summary>
    public async Task<OrganisationsPage> OrganisationsAsync(string? filter = null)
    {
        var list = new OrganisationsPage(Page);
        await OpenAsync($"{OrganisationsPage.Path}?{ListPage}{(filter is null ? "" : "&" + filter)}");
        await Expect(list.Grid.GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        return list;
    }

    public async Task<OrganisationDetailPage> OrganisationAsync(string state)
    {
        var id = (await AxeTour.OrganisationsAsync(app))[state];
        var detail = new OrganisationDetailPage(Page);
        await OpenAsync($"/organisations/{id}");
        await Expect(detail.Overview).ToBeVisibleAsync();
        return detail;
    }

    /// <summary>Opens the organisation in <paramref name="state"/> and presses its header action <paramref name="action"/>.</summary>
    public async Task ActionDialogAsync(string state, string action)
    {
        var detail = await OrganisationAsync(state);
        await detail.Action(action).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
    }

    /// <summary>My lists at a location of its own holding one free, overdue list; answers the list's id and number.</summary>
    public async Task<(Guid ListId, string Number)> PickListsAsync()
    {
        var (locationId, _, listId, number) = await PickJourneyTests.ArrangeListAsync(app, $"tour-{Guid.NewGuid():N}"[..13]);
        await OpenAsync($"/pick?location={locationId}");
        await Expect(Page.GetByTestId("pick-card").Filter(new() { HasText = number })).ToBeVisibleAsync();
        return (listId, number);
    }

    /// <summary>The packing station's find page after scanning a picked list's number: its totes.</summary>
    public async Task PackFindAsync()
    {
        var (listNumber, _, number, _) = await PackJourneyTests.ArrangePickedAsync(app, $"tour-{Guid.NewGuid():N}"[..13]);
        await OpenAsync("/pack");
        await Page.GetByTestId("pack-find").FillAsync(listNumber);
        await Page.GetByTestId("pack-find").PressAsync("Enter");
        await Expect(Page.GetByTestId("pack-totes")).ToContainTextAsync(number);
    }

    /// <summary>A picked tote at the packing station, packed up to <paramref name="upTo"/>: open-parcel (one unit in), refused
    /// (another tote's item scanned) or in-transit (everything boxed and handed over); answers the shipment's id.</summary>
    public async Task<Guid> PackStationAsync(string upTo)
    {
        var (_, id, _, _) = await PackJourneyTests.ArrangePickedAsync(app, $"tour-{Guid.NewGuid():N}"[..13]);
        await OpenAsync($"/pack/{id}");
        var feedback = Page.GetByTestId("pack-feedback");
        await Page.GetByRole(AriaRole.Button, new() { Name = "New parcel" }).ClickAsync();
        await Expect(feedback).ToContainTextAsync("is open");
        async Task ScanAsync(string code, string seen)
        {
            // Each scan's answer is a new element (keyed by scan): wait for the last one to go, or a second "SKU-A
            // boxed" would pass on the first one's text before the scan was judged.
            var previous = await feedback.CountAsync() > 0 ? await feedback.ElementHandleAsync() : null;
            await Page.GetByTestId("pack-scan").FillAsync(code);
            await Page.GetByTestId("pack-scan").PressAsync("Enter");
            if (previous is not null) await Page.WaitForFunctionAsync("e => !e.isConnected", previous);
            await Expect(feedback).ToContainTextAsync(seen);
        }
        await ScanAsync("SKU-A", "SKU-A boxed");
        if (upTo == "open-parcel") return id;
        if (upTo == "refused")
        {
            await ScanAsync("SKU-C", "belongs to");
            return id;
        }
        await ScanAsync("SKU-A", "SKU-A boxed");
        await Expect(Page.GetByTestId("pack-tobox")).ToContainTextAsync("To box: 1 unit");
        await ScanAsync("SKU-B", "is complete");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Hand to carrier" }).ClickAsync();
        await Expect(Page.GetByTestId("pack-parcel-state")).ToHaveTextAsync("In transit");
        return id;
    }

    /// <summary>A list taken from My lists and walked to <paramref name="upTo"/>: mid-list, wrong-scan, missing-reasons or finished.</summary>
    public async Task PickWalkAsync(string upTo)
    {
        var (_, number) = await PickListsAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Take {number}" }).ClickAsync();
        await Expect(Page.GetByTestId("pick-position")).ToHaveTextAsync("P1");
        var scan = Page.GetByTestId("pick-scan");
        async Task ScanAsync(string code, string seen)
        {
            await scan.FillAsync(code);
            await scan.PressAsync("Enter");
            await Expect(Page.GetByTestId("pick-feedback")).ToContainTextAsync(seen);
        }
        if (upTo == "wrong-scan") { await ScanAsync("SKU-X", "expected SKU-A"); return; }
        await ScanAsync("SKU-A", "SKU-A picked");
        if (upTo == "mid-list") return;
        if (upTo is "hold-reasons" or "on-hold")
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Hold", Exact = true }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Group, new() { Name = "Why put the list on hold?" })).ToBeVisibleAsync();
            if (upTo == "hold-reasons") return;
            await Page.GetByRole(AriaRole.Button, new() { Name = "Break", Exact = true }).ClickAsync();
            await Expect(Page.GetByTestId("pick-on-hold")).ToContainTextAsync("on hold: Break");
            return;
        }
        if (upTo == "other-position")
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Other position" }).ClickAsync();
            await ScanAsync("P3", "Picking from P3 instead of P1");
            await Expect(Page.GetByTestId("pick-override")).ToBeVisibleAsync();
            return;
        }
        if (upTo == "lot")
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Lot / expiry" }).ClickAsync();
            await Page.GetByLabel("Lot number").FillAsync("L-2026-07");
            await Expect(Page.GetByTestId("pick-lot-panel")).ToBeVisibleAsync();
            return;
        }
        if (upTo == "missing-reasons")
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Missing", Exact = true }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Group, new() { Name = "Why is it missing?" })).ToBeVisibleAsync();
            return;
        }
        await ScanAsync("SKU-A", "SKU-A picked");
        await Expect(Page.GetByTestId("pick-position")).ToHaveTextAsync("P2");
        await ScanAsync("SKU-B", "SKU-B picked");
        await Expect(Page.GetByTestId("pick-position")).ToHaveTextAsync("P3");
        await ScanAsync("SKU-C", "SKU-C picked");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Finish", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("tote-summary")).ToBeVisibleAsync();
    }
}
