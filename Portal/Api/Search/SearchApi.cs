using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Search;

namespace Portal.Api;

public static class SearchApi
{
    public static readonly ApiTag Tag = new("Search",
        "The command palette's search for API clients: one text, every area's records that the caller's role may read, " +
        "grouped by area, best match first (exact, then starting with, then anywhere in), at most " + PaletteSearch.GroupLimit +
        " a group; and the palette's actions the role may use.");

    /// <summary>GET /api/v1/search.</summary>
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/search").WithTag(Tag).RequireAuthorization(Access.Policies.Any);
        api.MapGet("/", Search).WithName("Search").ProducesDomainProblems(400)
            .WithSummary("Find records in every area")
            .WithDescription("`q` (at most " + PaletteSearch.TextMaxLength + " characters) is looked up by each area the caller may read: organisations " +
                "(name, trading name, company number, billing email, a member's email, a white-label host), staff users and API keys (Admin), " +
                "shipments and handling lists (number or order reference). Each group lists its records best match first with " +
                "`rank` 0 exact, 1 starts with, 2 anywhere in; `href` is the record's page in Portal. No `q`: no groups, every action.");
        return v1;
    }

    public static async Task<Ok<SearchAnswer>> Search(string? q, PaletteSearch palette, CancellationToken ct) =>
        TypedResults.Ok(new SearchAnswer(await palette.SearchAllAsync(q, ct: ct), palette.Actions(q)));
}

/// <summary>The groups of records found, in area order, and the actions the caller may use that match.</summary>
public sealed record SearchAnswer(IReadOnlyList<SearchGroup> Groups, IReadOnlyList<PaletteAction> Actions);
