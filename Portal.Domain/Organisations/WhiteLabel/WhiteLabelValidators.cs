using System.Text.RegularExpressions;
using FluentValidation;

namespace Portal.Domain.Organisations;

public sealed class CreateWhiteLabelDomainValidator : AbstractValidator<CreateWhiteLabelDomain>
{
    public CreateWhiteLabelDomainValidator()
    {
        Include(new WhiteLabelDomainFieldsValidator());
        // One message at a time: the first thing wrong with the host is the one worth fixing.
        RuleFor(d => d.HostName).Cascade(CascadeMode.Stop)
            .Must(h => !string.IsNullOrWhiteSpace(h)).WithMessage("Enter the host name, e.g. portal.acme.com.")
            .Must(HostNames.IsOnlyAHost).WithMessage("Enter only the host name, e.g. portal.acme.com, without https://, a path or a port.")
            .Must(BeShortEnough).WithMessage($"A host name must be {WhiteLabelDomain.HostNameMaxLength} characters or fewer.")
            .Must(HostNames.HasTwoLabels).WithMessage("A host name has at least two parts separated by a dot, e.g. portal.acme.com.")
            .Must(HostNames.HasValidLabels).WithMessage($"Each part between the dots must be 1 to {WhiteLabelDomain.LabelMaxLength} letters a–z, digits or hyphens, and cannot start or end with a hyphen.")
            .Must(HostNames.EndsInAName).WithMessage("Enter a host name, not an IP address, e.g. portal.acme.com.");
    }

    private static bool BeShortEnough(string? host) => WhiteLabelDomain.NormalizeHost(host).Length <= WhiteLabelDomain.HostNameMaxLength;
}

public sealed class UpdateWhiteLabelDomainValidator : AbstractValidator<UpdateWhiteLabelDomain>
{
    public UpdateWhiteLabelDomainValidator() => Include(new WhiteLabelDomainFieldsValidator());
}

/// <summary>Colour and logo rules shared by add and edit. Internal so the DI scan does not register it on its own.</summary>
internal sealed partial class WhiteLabelDomainFieldsValidator : AbstractValidator<WhiteLabelDomainFields>
{
    public WhiteLabelDomainFieldsValidator()
    {
        RuleFor(d => d.ThemeColour).Cascade(CascadeMode.Stop)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter a theme colour, e.g. #1F5FBF.")
            .Must(BeAHexColour).WithMessage("Enter the theme colour as # and six hex digits (0–9, A–F), e.g. #1F5FBF.");
        RuleFor(d => d.LogoUrl).Cascade(CascadeMode.Stop)
            .Must(BeShortEnough).WithMessage($"A logo address must be {WhiteLabelDomain.LogoUrlMaxLength} characters or fewer.")
            .Must(BeAnAbsoluteHttpsUrl).WithMessage("Enter the logo's full https:// address, e.g. https://cdn.acme.com/logo.svg.");
    }

    private static bool BeAHexColour(string? colour) => HexColour().IsMatch(WhiteLabelDomain.NormalizeColour(colour));

    private static bool BeShortEnough(string? url) => (WhiteLabelDomain.NormalizeLogoUrl(url)?.Length ?? 0) <= WhiteLabelDomain.LogoUrlMaxLength;

    /// <summary>Empty is fine (no logo).</summary>
    private static bool BeAnAbsoluteHttpsUrl(string? url) =>
        WhiteLabelDomain.NormalizeLogoUrl(url) is not { } value || WhiteLabelDomain.IsHttpsUrl(value);

    [GeneratedRegex("^#[0-9A-F]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColour();
}
