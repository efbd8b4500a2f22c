using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Portal.Domain.Common;
using Portal.Domain.Outbox;

namespace Portal.Infrastructure;

public static class SmtpRegistration
{
    /// <summary>
    /// The outbox's delivery: SMTP settings from <c>Smtp:*</c>, and the dispatch job (on one instance at a time) only
    /// when <c>Smtp:Host</c> is set.
    /// </summary>
    public static IServiceCollection AddSmtpOutboxDelivery(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SmtpOptions>(config.GetSection("Smtp"));
        services.AddScoped<IEmailSender, SmtpEmailSender>();
        if (!string.IsNullOrWhiteSpace(config["Smtp:Host"])) services.AddSingleInstanceJob<OutboxDispatchJob>(OutboxDispatchJob.Name, OutboxDispatchJob.Interval);
        return services;
    }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Portal <portal@localhost>";
    /// <summary>
    /// StartTls (default: a server that does not offer TLS is refused, so an attacker cannot strip it), SslOnConnect,
    /// StartTlsWhenAvailable or None (a local relay, chosen deliberately).
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;
}

public sealed class SmtpEmailSender(Microsoft.Extensions.Options.IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(OutboxEmail email, CancellationToken ct)
    {
        var smtp = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        // A stable Message-Id lets a receiving server recognise a retry of the same email.
        message.MessageId = $"{email.Id}@portal";
        message.Body = new TextPart("plain") { Text = email.BodyToSend };

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Smtp:Host is not set."), smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
