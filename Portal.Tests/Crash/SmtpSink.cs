using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Portal.Tests.Crash;

/// <summary>An SMTP server on a loopback port (the SmtpServer package) that keeps the Message-Id of every email it accepts.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Recorder _recorder = new();

    public SmtpSink()
    {
        Port = PortalProcess.FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test").Port(Port).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_recorder);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }
    /// <summary>Every accepted email's Message-Id, in the order accepted (a duplicate appears twice).</summary>
    public IReadOnlyCollection<string> MessageIds => _recorder.MessageIds;

    private sealed class Recorder : MessageStore
    {
        public ConcurrentQueue<string> MessageIds { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            MessageIds.Enqueue(message.MessageId ?? "(no Message-Id)");
            return SmtpResponse.Ok;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (OperationCanceledException) { }
        catch (TimeoutException) { }
        _stop.Dispose();
    }
}
