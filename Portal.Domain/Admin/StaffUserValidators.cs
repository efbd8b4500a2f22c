using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;

namespace Portal.Domain.Admin;

public sealed class CreateStaffUserValidator : AbstractValidator<CreateStaffUser>
{
    public CreateStaffUserValidator(IOptions<IdentityOptions> identity)
    {
        RuleFor(c => c.Email).ValidEmail(StaffUser.EmailMaxLength);
        RuleFor(c => c.DisplayName).ValidDisplayName();
        RuleFor(c => c.Roles).ValidRoles();
        RuleFor(c => c.Password).StrongPassword(identity.Value.Password);
    }
}

/// <summary>
/// An imported row is a new user without a password (an Admin sets it later). Internal, so the DI scan does not
/// register it as a second <c>IValidator&lt;CreateStaffUser&gt;</c>.
/// </summary>
internal sealed class ImportStaffUserValidator : AbstractValidator<CreateStaffUser>
{
    public ImportStaffUserValidator()
    {
        RuleFor(c => c.Email).ValidEmail(StaffUser.EmailMaxLength);
        RuleFor(c => c.DisplayName).ValidDisplayName();
        RuleFor(c => c.Roles).ValidRoles();
    }
}

public sealed class UpdateStaffUserValidator : AbstractValidator<UpdateStaffUser>
{
    public UpdateStaffUserValidator()
    {
        RuleFor(c => c.DisplayName).ValidDisplayName();
        RuleFor(c => c.Roles).ValidRoles();
        RuleFor(c => c.Version).Must(VersionedExtensions.IsVersionSent).WithMessage("Send the version you read (it comes with the user).");
    }
}

public sealed class ResetStaffUserPasswordValidator : AbstractValidator<ResetStaffUserPassword>
{
    public ResetStaffUserPasswordValidator(IOptions<IdentityOptions> identity)
    {
        RuleFor(c => c.NewPassword).StrongPassword(identity.Value.Password);
        RuleFor(c => c.Version).Must(VersionedExtensions.IsVersionSent).WithMessage("Send the version you read (it comes with the user).");
    }
}

internal static class StaffUserRules
{
    public static IRuleBuilderOptions<T, string> ValidDisplayName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter a name.")
            .MaximumLength(StaffUser.DisplayNameMaxLength).WithMessage($"A name must be {StaffUser.DisplayNameMaxLength} characters or fewer.");

    public static IRuleBuilderOptions<T, List<string>> ValidRoles<T>(this IRuleBuilder<T, List<string>> rule) =>
        rule.NotEmpty().WithMessage("Choose at least one role.")
            .Must(roles => roles.All(Roles.IsKnown))
            .WithMessage(c => $"Roles must be among: {string.Join(", ", Roles.All)}.");

    /// <summary>The same policy Identity enforces, stated as field messages the form shows as you type.</summary>
    public static IRuleBuilderOptions<T, string> StrongPassword<T>(this IRuleBuilder<T, string> rule, PasswordOptions policy) =>
        rule.NotEmpty().WithMessage("Enter a password.")
            .MinimumLength(policy.RequiredLength).WithMessage($"A password needs at least {policy.RequiredLength} characters.")
            .MaximumLength(128).WithMessage("A password must be 128 characters or fewer.")
            .Must(p => !policy.RequireDigit || p.Any(char.IsDigit)).WithMessage("A password needs a digit (0-9).")
            .Must(p => !policy.RequireLowercase || p.Any(char.IsLower)).WithMessage("A password needs a lower-case letter.")
            .Must(p => !policy.RequireUppercase || p.Any(char.IsUpper)).WithMessage("A password needs an upper-case letter.")
            .Must(p => !policy.RequireNonAlphanumeric || p.Any(c => !char.IsLetterOrDigit(c))).WithMessage("A password needs a symbol such as ! or -.")
            .Must(p => p.Distinct().Count() >= policy.RequiredUniqueChars).WithMessage($"A password needs at least {policy.RequiredUniqueChars} different characters.");
}
