using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// Another area that fills in what every new organisation starts with (pricing: the default pricing group), however it is
/// created: the form and the API (<see cref="OrganisationService.CreateAsync"/>) or an import. Read once per create or
/// import, then applied to each new organisation before it is saved.
/// </summary>
public interface INewOrganisationDefaults
{
    /// <summary>What to set on a new organisation, or null when this source has nothing to set now.</summary>
    Task<Action<Organisation>?> ForNewAsync(PortalDbContext db, CancellationToken ct);
}

internal static class NewOrganisationDefaultsExtensions
{
    public static async Task<Action<Organisation>> ForNewAsync(this IEnumerable<INewOrganisationDefaults> sources, PortalDbContext db, CancellationToken ct)
    {
        Action<Organisation> apply = _ => { };
        foreach (var source in sources)
            if (await source.ForNewAsync(db, ct) is { } set) apply += set;
        return apply;
    }
}
