using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public sealed class LocationFieldsValidator : AbstractValidator<LocationFields>
{
    public LocationFieldsValidator()
    {
        RuleFor(l => l.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the location's name.");
        RuleFor(l => l.Name).MaximumLength(Location.NameMaxLength).WithMessage($"A name must be {Location.NameMaxLength} characters or fewer.");
        Include(new PostalAddressRules<LocationFields>());
    }
}

public sealed class AddPositionValidator : AbstractValidator<AddPosition>
{
    public AddPositionValidator()
    {
        RuleFor(p => p.Code).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter the position's code (as on its label, e.g. A3.32435).");
        RuleFor(p => p.Code).MaximumLength(LocationPosition.CodeMaxLength).WithMessage($"A position code must be {LocationPosition.CodeMaxLength} characters or fewer.");
        RuleFor(p => p.Code).Matches(@"^[A-Za-z0-9 ._/-]*$").WithMessage("A position code has only letters, digits, spaces and . _ / -.");
    }
}

public sealed class ReorderPositionsValidator : AbstractValidator<ReorderPositions>
{
    public ReorderPositionsValidator()
    {
        RuleFor(r => r.Codes).NotEmpty().WithMessage("Send every position code in the new walk order.");
        RuleForEach(r => r.Codes).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("A position code cannot be blank.");
    }
}

public sealed class SetSkuDefaultsValidator : AbstractValidator<SetSkuDefaults>
{
    public SetSkuDefaultsValidator()
    {
        RuleFor(s => s.Items).NotEmpty().WithMessage("Send at least one SKU with its position.");
        RuleFor(s => s.Items).Must(i => i.Count <= 1000).WithMessage("Send at most 1,000 SKUs at a time.");
        RuleForEach(s => s.Items).ChildRules(i =>
        {
            i.RuleFor(x => x.Sku).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Enter the SKU.")
                .MaximumLength(ShipmentLine.SkuMaxLength).WithMessage($"A SKU must be {ShipmentLine.SkuMaxLength} characters or fewer.");
            i.RuleFor(x => x.Position).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Enter the position.");
        });
    }
}
