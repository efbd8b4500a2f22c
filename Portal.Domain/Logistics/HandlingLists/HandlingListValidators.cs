using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public sealed class CreateHandlingListValidator : AbstractValidator<CreateHandlingList>
{
    public CreateHandlingListValidator()
    {
        RuleFor(c => c).Must(c => (c.Shipments is { Count: > 0 }) != (c.Rule is not null))
            .WithName("shipments").OverridePropertyName("shipments")
            .WithMessage("Choose the shipments, or give a rule that chooses them (not both).");
        RuleFor(c => c.Shipments!).Must(s => s.Count <= HandlingList.MaxShipments).When(c => c.Shipments is not null)
            .WithMessage($"A list takes at most {HandlingList.MaxShipments} shipments.");
        RuleFor(c => c.Shipments!).Must(s => s.Select(x => x.Id).Distinct().Count() == s.Count).When(c => c.Shipments is not null)
            .WithMessage("Name each shipment once.");
        RuleFor(c => c.Shipments!).Must(s => s.Where(x => !string.IsNullOrWhiteSpace(x.Label)).GroupBy(x => x.Label!.Trim().ToUpperInvariant()).All(g => g.Count() == 1))
            .When(c => c.Shipments is not null).WithMessage("Each shipment on a list needs its own label.");
        RuleForEach(c => c.Shipments).ChildRules(s =>
        {
            s.RuleFor(x => x.Id).NotEmpty().WithMessage("Name the shipment by its id.");
            s.RuleFor(x => x.Label).MaximumLength(HandlingList.LabelMaxLength)
                .WithMessage($"A label must be {HandlingList.LabelMaxLength} characters or fewer.")
                .Matches("^[A-Za-z0-9-]*$").WithMessage("A label has only letters, digits and '-'.");
        });
        RuleFor(c => c.Rule!.LocationId).NotEmpty().When(c => c.Rule is not null).WithMessage("Choose the location.");
        RuleFor(c => c.Rule!.Max).InclusiveBetween(1, HandlingList.MaxShipments).When(c => c.Rule is not null)
            .WithMessage($"A rule takes between 1 and {HandlingList.MaxShipments} shipments.");
    }
}

public sealed class ChangeHandlingListStateValidator : AbstractValidator<ChangeHandlingListState>
{
    public ChangeHandlingListStateValidator()
    {
        RuleFor(c => c.Action).NotNull().IsInEnum().WithMessage("Choose an action: Assign, Take, Unassign, Hold, Release, Finish or Cancel.");
        RuleFor(c => c.PickerId).NotEmpty().When(c => c.Action == HandlingListAction.Assign).WithMessage("Choose the picker.");
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).When(c => c.Action == HandlingListAction.Hold)
            .WithMessage("Say why the list is put on hold.");
        RuleFor(c => c.Reason).MaximumLength(HandlingList.ReasonMaxLength).WithMessage($"A reason must be {HandlingList.ReasonMaxLength} characters or fewer.");
    }
}

public sealed class RecordPickValidator : AbstractValidator<RecordPick>
{
    public RecordPickValidator()
    {
        RuleFor(p => p.Key).Must(k => !string.IsNullOrWhiteSpace(k)).WithMessage("Send an idempotency key (the same on every retry of this pick).")
            .MaximumLength(HandlingListPick.KeyMaxLength).WithMessage($"An idempotency key must be {HandlingListPick.KeyMaxLength} characters or fewer.");
        RuleFor(p => p.Sku).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Scan or enter the SKU.")
            .MaximumLength(ShipmentLine.SkuMaxLength).WithMessage($"A SKU must be {ShipmentLine.SkuMaxLength} characters or fewer.");
        RuleFor(p => p.Quantity).InclusiveBetween(1, ShipmentLine.MaxQuantity).WithMessage($"A quantity is between 1 and {ShipmentLine.MaxQuantity:N0}.");
        RuleFor(p => p.Position).MaximumLength(LocationPosition.CodeMaxLength).WithMessage($"A position must be {LocationPosition.CodeMaxLength} characters or fewer.");
        RuleFor(p => p.UsedPosition).MaximumLength(LocationPosition.CodeMaxLength).WithMessage($"A position must be {LocationPosition.CodeMaxLength} characters or fewer.");
        RuleFor(p => p.Label).MaximumLength(HandlingList.LabelMaxLength).WithMessage($"A label must be {HandlingList.LabelMaxLength} characters or fewer.");
        RuleFor(p => p.Reason).MaximumLength(Shipment.ReasonMaxLength).WithMessage($"A reason must be {Shipment.ReasonMaxLength} characters or fewer.");
        RuleFor(p => p.LotNumber).MaximumLength(ShipmentUnit.LotMaxLength).WithMessage($"A lot number must be {ShipmentUnit.LotMaxLength} characters or fewer.");
        RuleFor(p => p.LotNumber).Empty().When(p => p.Missing).WithMessage("A unit not found has no lot number.");
    }
}
