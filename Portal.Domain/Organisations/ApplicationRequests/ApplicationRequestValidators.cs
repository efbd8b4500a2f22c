using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public sealed class SendApplicationRequestValidator : AbstractValidator<SendApplicationRequest>
{
    public SendApplicationRequestValidator()
    {
        RuleFor(r => r.Email).ValidEmail(ApplicationRequest.EmailMaxLength);
        RuleFor(r => r.PageLink).Cascade(CascadeMode.Stop)
            .Must(l => !string.IsNullOrWhiteSpace(l)).WithMessage("Enter the address of the page to complete.")
            .Must(l => l.Trim().Length <= ApplicationRequest.PageLinkMaxLength)
            .WithMessage($"A page address must be {ApplicationRequest.PageLinkMaxLength} characters or fewer.")
            .Must(l => Uri.TryCreate(l.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host))
            .WithMessage("Enter the page's https:// address.");
        RuleFor(r => r.Source).Cascade(CascadeMode.Stop)
            .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Say where the request is sent from.")
            .Must(s => s.Trim().Length <= ApplicationRequest.SourceMaxLength)
            .WithMessage($"A source must be {ApplicationRequest.SourceMaxLength} characters or fewer.")
            .Must(s => !PlainText.HasControlCharacters(s)).WithMessage("A source must not contain control characters.");
        RuleFor(r => r.AccessApplicationName).MaximumLength(ApplicationRequest.AccessApplicationNameMaxLength)
            .WithMessage($"An access application's name must be {ApplicationRequest.AccessApplicationNameMaxLength} characters or fewer.")
            .Must(n => n is null || !PlainText.HasControlCharacters(n)).WithMessage("An access application's name must not contain control characters.");
    }
}
