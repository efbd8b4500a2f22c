using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

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
