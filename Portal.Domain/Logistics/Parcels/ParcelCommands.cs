using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public sealed record ParcelQuery : ListQuery
{
    public Guid? ShipmentId { get; init; }
    public ParcelState? State { get; init; }
}

public class ParcelFields
{
    public int? WeightGrams { get; set; }
    public int? LengthMm { get; set; }
    public int? WidthMm { get; set; }
    public int? HeightMm { get; set; }
    public string? TrackingCode { get; set; }
}

public sealed class CreateParcel : ParcelFields
{
    public Guid ShipmentId { get; set; }
    /// <summary>Units to box straight away (scanned before the parcel was made).</summary>
    public List<Guid>? UnitIds { get; set; }
}

/// <summary>A scan at the packing table: unit ids (unit labels), or a SKU and how many of it.</summary>
public sealed class AddParcelItems
{
    public List<Guid>? UnitIds { get; set; }
    public string? Sku { get; set; }
    public int Quantity { get; set; } = 1;
}

public sealed class RemoveParcelItems
{
    public List<Guid> UnitIds { get; set; } = [];
}

public sealed record ParcelRow(
    Guid Id, string Name, Guid ShipmentId, string ShipmentNumber, ParcelState State, int UnitCount, int? WeightGrams, int? LengthMm,
    int? WidthMm, int? HeightMm, string? TrackingCode, DateTimeOffset CreatedAt, DateTimeOffset? InTransitAt, DateTimeOffset? FinishedAt, long Version);

public sealed record ParcelUnitRow(Guid Id, string Sku, string? Label, UnitState State, DateTimeOffset? BoxedAt);

/// <summary>What a packer should know before handing it over; warnings, not refusals.</summary>
public sealed record ParcelWarning(string Code, string Message);

public sealed record ParcelDetails(ParcelRow Parcel, IReadOnlyList<ParcelUnitRow> Units, IReadOnlyList<ParcelWarning> Warnings, bool ShipmentComplete);

internal sealed class ParcelFieldsRules<T> : AbstractValidator<T> where T : ParcelFields
{
    public ParcelFieldsRules()
    {
        RuleFor(p => p.WeightGrams).InclusiveBetween(1, 1_000_000).When(p => p.WeightGrams is not null).WithMessage("A weight is between 1 g and 1,000 kg (in grams).");
        RuleFor(p => p.LengthMm).InclusiveBetween(1, 10_000).When(p => p.LengthMm is not null).WithMessage("A length is between 1 and 10,000 mm.");
        RuleFor(p => p.WidthMm).InclusiveBetween(1, 10_000).When(p => p.WidthMm is not null).WithMessage("A width is between 1 and 10,000 mm.");
        RuleFor(p => p.HeightMm).InclusiveBetween(1, 10_000).When(p => p.HeightMm is not null).WithMessage("A height is between 1 and 10,000 mm.");
        RuleFor(p => p.TrackingCode).MaximumLength(Parcel.TrackingMaxLength).WithMessage($"A tracking code must be {Parcel.TrackingMaxLength} characters or fewer.");
    }
}

public sealed class CreateParcelValidator : AbstractValidator<CreateParcel>
{
    public CreateParcelValidator()
    {
        Include(new ParcelFieldsRules<CreateParcel>());
        RuleFor(p => p.ShipmentId).NotEmpty().WithMessage("Choose the shipment.");
        RuleFor(p => p.UnitIds).Must(u => u is null || u.Count <= Shipment.MaxUnits).WithMessage($"Send at most {Shipment.MaxUnits:N0} units.");
    }
}

public sealed class UpdateParcelValidator : AbstractValidator<ParcelFields>
{
    public UpdateParcelValidator() => Include(new ParcelFieldsRules<ParcelFields>());
}

public sealed class AddParcelItemsValidator : AbstractValidator<AddParcelItems>
{
    public AddParcelItemsValidator()
    {
        RuleFor(a => a).Must(a => (a.UnitIds is { Count: > 0 }) != !string.IsNullOrWhiteSpace(a.Sku)).OverridePropertyName("unitIds")
            .WithMessage("Scan units (their ids) or a SKU, not both.");
        RuleFor(a => a.UnitIds).Must(u => u is null || u.Count <= Shipment.MaxUnits).WithMessage($"Send at most {Shipment.MaxUnits:N0} units.");
        RuleFor(a => a.Sku).MaximumLength(ShipmentLine.SkuMaxLength).WithMessage($"A SKU must be {ShipmentLine.SkuMaxLength} characters or fewer.");
        RuleFor(a => a.Quantity).InclusiveBetween(1, ShipmentLine.MaxQuantity).WithMessage($"A quantity is between 1 and {ShipmentLine.MaxQuantity:N0}.");
    }
}

public sealed class RemoveParcelItemsValidator : AbstractValidator<RemoveParcelItems>
{
    public RemoveParcelItemsValidator() => RuleFor(r => r.UnitIds).NotEmpty().WithMessage("Name the units to take out.");
}
