using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

public enum BulkOrganisationAction { Activate, Suspend, AssignAccountManager }

/// <summary>One action over many organisations: the ones picked on the list (<see cref="Ids"/>) or all that a filter selects.</summary>
public sealed class BulkOrganisationChange
{
    public const int MaxIds = 1000;

    public BulkOrganisationAction Action { get; set; }
    public List<Guid>? Ids { get; set; }
    /// <summary>Every organisation this filter selects (its paging and sort are ignored).</summary>
    public OrganisationQuery? Filter { get; set; }
    /// <summary>Required to suspend.</summary>
    public string? Reason { get; set; }
    /// <summary>Required to assign an account manager.</summary>
    public Guid? AccountManagerId { get; set; }
}

/// <summary>What a bulk change did: how many it changed, and why it left the others as they were.</summary>
public sealed record BulkOrganisationResult(int Selected, int Changed, IReadOnlyList<BulkSkip> Skipped);

/// <summary>Organisations left unchanged for one reason, with a few of their names.</summary>
public sealed record BulkSkip(string Code, string Reason, int Count, IReadOnlyList<string> Examples);
