using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public sealed class CreateShipmentValidator : AbstractValidator<CreateShipment>
{
    public CreateShipmentValidator()
    {
        Include(new ShipmentHeaderRules<CreateShipment>());
        RuleFor(s => s.Type).IsInEnum().WithMessage("Choose a type: Delivery, Collect or Internal.");
        RuleFor(s => s.Direction).IsInEnum().WithMessage("Choose a direction: Outbound or Inbound.");
        RuleFor(s => s.LocationId).NotEmpty().WithMessage("Choose the fulfilment location.");
        RuleFor(s => s.Lines).NotEmpty().WithMessage("A shipment needs at least one line.")
            .Must(l => l.Count <= Shipment.MaxLines).WithMessage($"A shipment has at most {Shipment.MaxLines} lines.")
            .Must(l => l.Sum(x => (long)Math.Max(0, x.Quantity)) <= Shipment.MaxUnits).WithMessage($"A shipment has at most {Shipment.MaxUnits:N0} units.");
        RuleForEach(s => s.Lines).SetValidator(new ShipmentLineValidator());
    }
}

public sealed class UpdateShipmentValidator : AbstractValidator<UpdateShipment>
{
    public UpdateShipmentValidator() => Include(new ShipmentHeaderRules<UpdateShipment>());
}

public sealed class CancelShipmentValidator : AbstractValidator<CancelShipment>
{
    public CancelShipmentValidator() =>
        RuleFor(c => c.Reason).MaximumLength(Shipment.ReasonMaxLength).WithMessage($"A reason must be {Shipment.ReasonMaxLength} characters or fewer.");
}

public sealed class SetUnitsMissingValidator : AbstractValidator<SetUnitsMissing>
{
    public SetUnitsMissingValidator()
    {
        RuleFor(m => m.UnitIds).NotEmpty().WithMessage("Name the units (their ids).")
            .Must(u => u.Count <= Shipment.MaxUnits).WithMessage($"Send at most {Shipment.MaxUnits:N0} units.");
        RuleFor(m => m.Reason).MaximumLength(Shipment.ReasonMaxLength).WithMessage($"A reason must be {Shipment.ReasonMaxLength} characters or fewer.");
    }
}

internal sealed class ShipmentLineValidator : AbstractValidator<ShipmentLineFields>
{
    public ShipmentLineValidator()
    {
        RuleFor(l => l.Sku).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Enter the SKU.")
            .MaximumLength(ShipmentLine.SkuMaxLength).WithMessage($"A SKU must be {ShipmentLine.SkuMaxLength} characters or fewer.")
            .Matches(@"^[A-Za-z0-9 ._/-]*$").WithMessage("A SKU has only letters, digits, spaces and . _ / -.");
        RuleFor(l => l.Description).MaximumLength(ShipmentLine.DescriptionMaxLength)
            .WithMessage($"A description must be {ShipmentLine.DescriptionMaxLength} characters or fewer.");
        RuleFor(l => l.Quantity).InclusiveBetween(1, ShipmentLine.MaxQuantity).WithMessage($"A quantity is between 1 and {ShipmentLine.MaxQuantity:N0}.");
        RuleFor(l => l.Position).MaximumLength(LocationPosition.CodeMaxLength)
            .WithMessage($"A position code must be {LocationPosition.CodeMaxLength} characters or fewer.");
    }
}

/// <summary>The header's rules, shared by create and update. Internal so the DI scan does not register it on its own.</summary>
internal sealed class ShipmentHeaderRules<T> : AbstractValidator<T> where T : ShipmentHeaderFields
{
    public ShipmentHeaderRules()
    {
        RuleFor(s => s.From).NotNull().WithMessage("Say where it comes from.").SetValidator(new PartyValidator());
        RuleFor(s => s.To).NotNull().WithMessage("Say where it goes.").SetValidator(new PartyValidator());
        RuleFor(s => s.OrderReference).MaximumLength(Shipment.ReferenceMaxLength)
            .WithMessage($"An order reference must be {Shipment.ReferenceMaxLength} characters or fewer.");
        RuleFor(s => s.ExpectedAt).GreaterThanOrEqualTo(s => s.ShipAt).When(s => s.ShipAt is not null && s.ExpectedAt is not null)
            .WithMessage("It cannot be expected before it ships.");
    }
}

internal sealed class PartyValidator : AbstractValidator<PartyFields>
{
    public PartyValidator()
    {
        RuleFor(p => p.Kind).IsInEnum().WithMessage("Choose Address, Location or ServicePoint.");
        RuleFor(p => p.LocationId).NotEmpty().When(p => p.Kind == PartyKind.Location).WithMessage("Choose the location.");
        RuleFor(p => p.ServicePoint).Must(s => !string.IsNullOrWhiteSpace(s)).When(p => p.Kind == PartyKind.ServicePoint)
            .WithMessage("Enter the carrier's service-point reference.");
        RuleFor(p => p.ServicePoint).MaximumLength(Shipment.ServicePointMaxLength)
            .WithMessage($"A service-point reference must be {Shipment.ServicePointMaxLength} characters or fewer.");
        RuleFor(p => p.Name).MaximumLength(Shipment.NameMaxLength).WithMessage($"A name must be {Shipment.NameMaxLength} characters or fewer.");
        RuleFor(p => p.Name).Must(n => !string.IsNullOrWhiteSpace(n)).When(p => p.Kind == PartyKind.Address)
            .WithMessage("Enter who it is addressed to.");
        When(p => p.Kind != PartyKind.Location, () => Include(new PostalAddressRules<PartyFields>()));
    }
}
