using FluentValidation;

namespace Portal.Domain.AgentConnections;

public sealed class AgencyFieldsValidator : AbstractValidator<AgencyFields>
{
    public AgencyFieldsValidator()
    {
        RuleFor(a => a.OrganisationId).NotEmpty().WithMessage("Choose the organisation that owns the agency.");
        RuleFor(a => a.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the agency's name.");
        RuleFor(a => a.Name).MaximumLength(Agency.NameMaxLength).WithMessage($"A name must be {Agency.NameMaxLength} characters or fewer.");
        RuleFor(a => a.Did).Must(d => AgentIdentifiers.DidProblem(d) is null).WithMessage(a => AgentIdentifiers.DidProblem(a.Did)!);
        RuleFor(a => a.Label).Must(l => !string.IsNullOrWhiteSpace(l)).WithMessage("Enter the label wallets show for the agency.");
        RuleFor(a => a.Label).MaximumLength(Agency.LabelMaxLength).WithMessage($"A label must be {Agency.LabelMaxLength} characters or fewer.");
        RuleFor(a => a.ServiceEndpoint).Must(BeAnHttpsAddress).WithMessage("Enter the agency's endpoint, an absolute https:// address.");
        RuleFor(a => a.ServiceEndpoint).MaximumLength(Agency.EndpointMaxLength).WithMessage($"An endpoint must be {Agency.EndpointMaxLength} characters or fewer.");
    }

    private static bool BeAnHttpsAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}

public sealed class CheckConnectLinkValidator : AbstractValidator<CheckConnectLink>
{
    public CheckConnectLinkValidator()
    {
        RuleFor(c => c.Url).Must(u => !string.IsNullOrWhiteSpace(u)).WithMessage("Enter the connect URL to check.");
        RuleFor(c => c.Url).MaximumLength(OobInvitation.UrlMaxLength).WithMessage($"A URL must be {OobInvitation.UrlMaxLength} characters or fewer.");
    }
}
