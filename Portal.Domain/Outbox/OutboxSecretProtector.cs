using Microsoft.AspNetCore.DataProtection;

namespace Portal.Domain.Outbox;

/// <summary>
/// Encrypts an email's secret (an invitation link) with Data Protection while it waits in the outbox; the dispatcher puts it
/// back into the body only at send time, and the row forgets it once sent or withdrawn (<see cref="OutboxEmail.PurgeSecret"/>).
/// </summary>
public sealed class OutboxSecretProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Portal.Outbox.Secret.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
