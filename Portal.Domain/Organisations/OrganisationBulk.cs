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

public sealed class BulkOrganisationChangeValidator : AbstractValidator<BulkOrganisationChange>
{
    public BulkOrganisationChangeValidator()
    {
        RuleFor(c => c.Action).IsInEnum().WithMessage("Action must be Activate, Suspend or AssignAccountManager.");
        RuleFor(c => c.Ids).NotNull().When(c => c.Filter is null)
            .WithMessage("Say which organisations: a list of ids, or a filter.");
        RuleFor(c => c.Ids).Null().When(c => c.Filter is not null)
            .WithMessage("Send ids or a filter, not both.");
        RuleFor(c => c.Ids!.Count).InclusiveBetween(1, BulkOrganisationChange.MaxIds).When(c => c.Ids is not null).OverridePropertyName("ids")
            .WithMessage($"Choose between 1 and {BulkOrganisationChange.MaxIds:N0} organisations, or use a filter for more.");
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).When(c => c.Action == BulkOrganisationAction.Suspend)
            .WithMessage("Say why, so the next person to open these organisations knows.");
        RuleFor(c => c.Reason).MaximumLength(Organisation.StatusMessageMaxLength)
            .WithMessage($"A reason must be {Organisation.StatusMessageMaxLength} characters or fewer.");
        RuleFor(c => c.AccountManagerId).NotNull().When(c => c.Action == BulkOrganisationAction.AssignAccountManager)
            .WithMessage("Choose the account manager to assign.");
    }
}
