using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.BusinessConnections;

public sealed class BusinessUnitFieldsValidator : AbstractValidator<BusinessUnitFields>
{
    /// <summary>The schemes Portal knows; the seed shows Red Tractor only.</summary>
    public static readonly IReadOnlyList<string> Schemes = ["RT"];

    public BusinessUnitFieldsValidator()
    {
        RuleFor(u => u.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the unit's name.");
        RuleFor(u => u.Name).MaximumLength(BusinessUnit.NameMaxLength).WithMessage($"A name must be {BusinessUnit.NameMaxLength} characters or fewer.");
        RuleFor(u => u.BusinessName).MaximumLength(BusinessUnit.NameMaxLength).WithMessage($"A business name must be {BusinessUnit.NameMaxLength} characters or fewer.");
        Include(new PostalAddressRules<BusinessUnitFields>());
        RuleFor(u => u.Latitude).Must(BusinessUnitFormats.IsLatitude).WithMessage("A latitude is between -90 and 90 degrees.");
        RuleFor(u => u.Longitude).Must(BusinessUnitFormats.IsLongitude).WithMessage("A longitude is between -180 and 180 degrees.");
        RuleFor(u => u.Longitude).NotNull().When(u => u.Latitude is not null).WithMessage("Enter the longitude with the latitude.");
        RuleFor(u => u.Latitude).NotNull().When(u => u.Longitude is not null).WithMessage("Enter the latitude with the longitude.");
        RuleFor(u => u.What3Words).Must(BusinessUnitFormats.IsWhat3Words)
            .WithMessage("A what3words address is three words joined by dots, e.g. ///filled.count.soap.");
        RuleFor(u => u.What3Words).MaximumLength(BusinessUnit.What3WordsMaxLength).WithMessage($"A what3words address must be {BusinessUnit.What3WordsMaxLength} characters or fewer.");
        RuleFor(u => u.Phone).Must((u, p) => PhoneNumberFormat.Problem(p, Countries.IsKnown(u.CountryCode) ? u.CountryCode : null) is null)
            .When(u => !string.IsNullOrWhiteSpace(u.Phone))
            .WithMessage((u, p) => PhoneNumberFormat.Problem(p, Countries.IsKnown(u.CountryCode) ? u.CountryCode : null)!);
        RuleFor(u => u.Email).ValidEmail(BusinessUnit.EmailMaxLength).When(u => !string.IsNullOrWhiteSpace(u.Email));
        RuleFor(u => u.Tags).Must(t => t.Count <= 20).WithMessage("Give a unit at most 20 tags.");
        RuleForEach(u => u.Tags).Must(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= BusinessUnit.TagMaxLength && !t.Contains(';'))
            .WithMessage($"A tag is 1 to {BusinessUnit.TagMaxLength} characters, without ';'.");
        RuleFor(u => u.Tags).Must(t => BusinessUnit.JoinTags(t).Length <= BusinessUnit.TagsMaxLength).WithMessage("These tags are too long together.");
        RuleFor(u => u.LocationTag).MaximumLength(BusinessUnit.TagMaxLength).WithMessage($"A tag must be {BusinessUnit.TagMaxLength} characters or fewer.");
        RuleFor(u => u.ManagementTag).MaximumLength(BusinessUnit.TagMaxLength).WithMessage($"A tag must be {BusinessUnit.TagMaxLength} characters or fewer.");
        RuleFor(u => u.AssuranceScheme).Must(s => s is null || Schemes.Contains(s.Trim().ToUpperInvariant()))
            .WithMessage("The assurance scheme is RT (Red Tractor), or leave it empty.");
        RuleFor(u => u.HoldingNumber).Must((u, h) => BusinessUnitFormats.HoldingProblem(h, u.CountryCode) is null)
            .WithMessage((u, h) => BusinessUnitFormats.HoldingProblem(h, u.CountryCode)!);
        RuleFor(u => u.HoldingNumber).NotEmpty().When(u => !string.IsNullOrWhiteSpace(u.AssuranceScheme))
            .WithMessage("An assured unit needs its holding number (the scheme finds its certificate by it).");
        RuleFor(u => u.SqcNumber).MaximumLength(BusinessUnit.SqcNumberMaxLength).WithMessage($"An SQC number must be {BusinessUnit.SqcNumberMaxLength} characters or fewer.");
        RuleFor(u => u.SqcNumber).NotEmpty().When(u => u.IsSqcAssured).WithMessage("Enter the SQC number of an SQC-assured unit.");
        RuleFor(u => u.Version).GreaterThan(0).When(u => u.Version is not null).WithMessage("Send the version you read (from 1).");
    }
}

public sealed class MoveBusinessUnitValidator : AbstractValidator<MoveBusinessUnit>
{
    public MoveBusinessUnitValidator()
    {
        RuleFor(m => m.RegionId).NotEmpty().WithMessage("Choose the region to move the unit to.");
    }
}

public sealed class CreateBusinessUnitValidator : AbstractValidator<CreateBusinessUnit>
{
    public CreateBusinessUnitValidator()
    {
        Include(new BusinessUnitFieldsValidator());
        RuleFor(u => u.OrganisationId).NotEmpty().WithMessage("Choose the organisation the unit belongs to.");
        RuleFor(u => u.Type).IsInEnum().WithMessage("A unit is a farm, a store or a region.");
    }
}
