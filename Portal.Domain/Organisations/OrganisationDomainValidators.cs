using System.Text.RegularExpressions;
using FluentValidation;

namespace Portal.Domain.Organisations;

public sealed class NewDomainValidator : AbstractValidator<NewDomain>
{
    public NewDomainValidator()
    {
        Include(new DomainFieldsValidator());
        // One message at a time: the first thing wrong with the host is the one worth fixing.
        RuleFor(d => d.HostName).Cascade(CascadeMode.Stop)
            .Must(h => !string.IsNullOrWhiteSpace(h)).WithMessage("Enter the host name, e.g. portal.acme.com.")
            .Must(HostNames.IsOnlyAHost).WithMessage("Enter only the host name, e.g. portal.acme.com, without https://, a path or a port.")
            .Must(BeShortEnough).WithMessage($"A host name must be {OrganisationDomain.HostNameMaxLength} characters or fewer.")
            .Must(HostNames.HasTwoLabels).WithMessage("A host name has at least two parts separated by a dot, e.g. portal.acme.com.")
            .Must(HostNames.HasValidLabels).WithMessage($"Each part between the dots must be 1 to {OrganisationDomain.LabelMaxLength} letters a–z, digits or hyphens, and cannot start or end with a hyphen.")
            .Must(HostNames.EndsInAName).WithMessage("Enter a host name, not an IP address, e.g. portal.acme.com.");
    }

    private static bool BeShortEnough(string? host) => OrganisationDomain.NormalizeHost(host).Length <= OrganisationDomain.HostNameMaxLength;
}

public sealed class DomainChangesValidator : AbstractValidator<DomainChanges>
{
    public DomainChangesValidator() => Include(new DomainFieldsValidator());
}

/// <summary>Colour and logo rules shared by add and edit. Internal so the DI scan does not register it on its own.</summary>
internal sealed partial class DomainFieldsValidator : AbstractValidator<DomainFields>
{
    public DomainFieldsValidator()
    {
        RuleFor(d => d.ThemeColour).Cascade(CascadeMode.Stop)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter a theme colour, e.g. #1F5FBF.")
            .Must(BeAHexColour).WithMessage("Enter the theme colour as # and six hex digits (0–9, A–F), e.g. #1F5FBF.");
        RuleFor(d => d.LogoUrl).Cascade(CascadeMode.Stop)
            .Must(BeShortEnough).WithMessage($"A logo address must be {OrganisationDomain.LogoUrlMaxLength} characters or fewer.")
            .Must(BeAnAbsoluteHttpsUrl).WithMessage("Enter the logo's full https:// address, e.g. https://cdn.acme.com/logo.svg.");
    }

    private static bool BeAHexColour(string? colour) => HexColour().IsMatch(OrganisationDomain.NormalizeColour(colour));

    private static bool BeShortEnough(string? url) => (OrganisationDomain.NormalizeLogoUrl(url)?.Length ?? 0) <= OrganisationDomain.LogoUrlMaxLength;

    /// <summary>Empty is fine (no logo).</summary>
    private static bool BeAnAbsoluteHttpsUrl(string? url) =>
        OrganisationDomain.NormalizeLogoUrl(url) is not { } value || OrganisationDomain.IsHttpsUrl(value);

    [GeneratedRegex("^#[0-9A-F]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColour();
}
