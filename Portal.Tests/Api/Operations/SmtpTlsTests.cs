using System.Net;
using System.Net.Sockets;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Infrastructure;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Operations;

/// <summary>Email never leaves in plain text because a server (or someone in between) did not offer STARTTLS.</summary>
public sealed class SmtpTlsTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    /// <summary>A loopback SMTP server that offers no STARTTLS (as a stripping attacker would) and accepts any mail.</summary>
    private sealed class PlainTextSmtpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        public List<string> Commands { get; } = [];
        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public Task Serving { get; }

        public PlainTextSmtpServer()
        {
            _listener.Start();
            Serving = ServeOneAsync();
        }

        private async Task ServeOneAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream);
            await using var writer = new StreamWriter(stream) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 plain.test ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (Commands) Commands.Add(line);
                var verb = line.Split(' ')[0].ToUpperInvariant();
                if (verb is "EHLO") await writer.WriteAsync("250-plain.test\r\n250 8BITMIME\r\n");
                else if (verb is "DATA")
                {
                    await writer.WriteLineAsync("354 go on");
                    while (await reader.ReadLineAsync() is { } body && body != ".") { }
                    await writer.WriteLineAsync("250 queued");
                }
                else if (verb is "QUIT") { await writer.WriteLineAsync("221 bye"); return; }
                else await writer.WriteLineAsync("250 OK");
            }
        }

        public void Dispose() => _listener.Stop();
    }

    private static OutboxEmail AnEmail() => OutboxEmail.Create("someone@test.example", new HelloEmail(), DateTimeOffset.UtcNow);

    private sealed record HelloEmail : Email
    {
        protected override string RenderSubject() => "Hello";
        protected override string RenderText() => "Body";
    }

    [Fact]
    public void TheDefault_RequiresTls()
    {
        Assert.Equal(SecureSocketOptions.StartTls, factory.Services.GetRequiredService<IOptions<SmtpOptions>>().Value.Security);
    }

    [Fact]
    public async Task AServerWithoutStartTls_IsRefused_AndGetsNoMail()
    {
        using var server = new PlainTextSmtpServer();
        var sender = new SmtpEmailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = server.Port }));

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(AnEmail(), CancellationToken.None));

        lock (server.Commands) Assert.DoesNotContain(server.Commands, c => c.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PlainText_IsSent_OnlyWhenConfiguredSo()
    {
        using var server = new PlainTextSmtpServer();
        var sender = new SmtpEmailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SecureSocketOptions.None }));

        await sender.SendAsync(AnEmail(), CancellationToken.None);

        await server.Serving.WaitAsync(TimeSpan.FromSeconds(10));
        lock (server.Commands) Assert.Contains(server.Commands, c => c.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase));
    }
}
