using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Portal.Domain.Outbox;

namespace Portal.Infrastructure;

public static class SmtpRegistration
{
    /// <summary>The outbox's delivery: SMTP settings from <c>Smtp:*</c>, and the background dispatcher only when <c>Smtp:Host</c> is set.</summary>
    public static IServiceCollection AddSmtpOutboxDelivery(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SmtpOptions>(config.GetSection("Smtp"));
        services.AddScoped<IEmailSender, SmtpEmailSender>();
        if (!string.IsNullOrWhiteSpace(config["Smtp:Host"])) services.AddHostedService<OutboxBackgroundService>();
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
        message.Body = new TextPart("plain") { Text = email.TextBody };

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Smtp:Host is not set."), smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Runs the outbox dispatcher every few seconds while SMTP is configured, without pausing while a backlog lasts.</summary>
public sealed class OutboxBackgroundService(IServiceScopeFactory scopes, ILogger<OutboxBackgroundService> log) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            try
            {
                // A full batch means more may be due: take the next at once instead of 20 emails per 5 s.
                int attempted;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    attempted = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(BatchSize, stoppingToken);
                } while (attempted == BatchSize && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "The outbox dispatcher failed; it will try again");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
