using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.BusinessConnections;

public sealed class CreateCertificateValidator : AbstractValidator<CreateCertificate>
{
    public CreateCertificateValidator()
    {
        RuleFor(c => c.Scheme).Must(s => BusinessUnitFieldsValidator.Schemes.Contains(s)).WithMessage("The scheme is RT (Red Tractor).");
        RuleFor(c => c.Identifier).Must(i => !string.IsNullOrWhiteSpace(i)).WithMessage("Enter the certificate's identifier.");
        RuleFor(c => c.Identifier).MaximumLength(AssuranceCertificate.IdentifierMaxLength).WithMessage($"An identifier must be {AssuranceCertificate.IdentifierMaxLength} characters or fewer.");
        RuleFor(c => c.ExpiresAt).NotEmpty().WithMessage("Enter the expiry date.");
        RuleForEach(c => c.Enterprises).Must(e => !string.IsNullOrWhiteSpace(e) && !e.Contains(';')).WithMessage("An enterprise is a name such as Combinable Crops, without ';'.");
        RuleFor(c => c.Enterprises).Must(e => string.Join(';', e).Length <= AssuranceCertificate.EnterprisesMaxLength).WithMessage("These enterprises are too long together.");
        RuleFor(c => c.Sites).NotEmpty().WithMessage("Add the site the certificate covers.");
        RuleFor(c => c.Sites).Must(s => s.Count(x => x.IsPrimary) <= 1).WithMessage("Mark at most one site as the primary.");
        RuleForEach(c => c.Sites).ChildRules(s =>
        {
            s.RuleFor(x => x.IdentifierType).Must(t => !string.IsNullOrWhiteSpace(t) && t.Length <= CertifiedSite.IdentifierTypeMaxLength)
                .WithMessage("Enter the identifier type (holdingno for a holding number).");
            s.RuleFor(x => x.Identifier).Must(i => !string.IsNullOrWhiteSpace(i)).WithMessage("Enter the site's identifier.");
            s.RuleFor(x => x.Identifier).Must((x, i) => x.IdentifierType != "holdingno" || BusinessUnitFormats.HoldingProblem(i, x.CountryCode) is null)
                .WithMessage((x, i) => BusinessUnitFormats.HoldingProblem(i, x.CountryCode) ?? "");
            s.RuleFor(x => x.SiteName).MaximumLength(BusinessUnit.NameMaxLength).WithMessage($"A site name must be {BusinessUnit.NameMaxLength} characters or fewer.");
            s.RuleFor(x => x.Address).MaximumLength(PostalAddress.LineMaxLength).WithMessage($"An address must be {PostalAddress.LineMaxLength} characters or fewer.");
            s.RuleFor(x => x.Postcode).Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter the site's postcode.");
            s.RuleFor(x => x.Postcode).Must((x, p) => PostcodeFormat.Problem(p, x.CountryCode) is null).When(x => !string.IsNullOrWhiteSpace(x.Postcode))
                .WithMessage((x, p) => PostcodeFormat.Problem(p, x.CountryCode) ?? "");
            s.RuleFor(x => x.CountryCode).Must(Countries.IsKnown).WithMessage("Choose a country (a two-letter ISO code such as GB).");
        });
    }
}

public sealed class CertificateLookupQueryValidator : AbstractValidator<CertificateLookupQuery>
{
    public CertificateLookupQueryValidator()
    {
        RuleFor(q => q.Country).Must(c => Countries.FromAlpha3(c) is not null)
            .WithMessage("The country is an ISO 3166-1 alpha-3 code in capitals, such as GBR.");
        RuleFor(q => q.Postcode).NotEmpty().When(q => string.IsNullOrWhiteSpace(q.HoldingNumber))
            .WithMessage("Give a postcode or a holding number (or both).");
        RuleFor(q => q.Postcode).Matches("^[A-Za-z0-9 -]*$").WithMessage("A postcode has only letters, digits, spaces and '-'.");
        RuleFor(q => q.HoldingNumber).Matches("^[A-Za-z0-9 /.-]*$").WithMessage("A holding number has only letters, digits, spaces and / . -.");
        RuleFor(q => q.Postcode).MaximumLength(PostalAddress.PostcodeMaxLength).WithMessage($"A postcode must be {PostalAddress.PostcodeMaxLength} characters or fewer.");
        RuleFor(q => q.HoldingNumber).MaximumLength(BusinessUnit.HoldingNumberMaxLength).WithMessage($"A holding number must be {BusinessUnit.HoldingNumberMaxLength} characters or fewer.");
    }
}
