using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure;

/// <summary>
/// The one secret Portal has to carry in a URL: a member invitation link, <c>/invitations/accept/{token}</c> (and the
/// <c>/join/{token}</c> links sent before it, which redirect there) (it travels in an email, so it
/// must be a link). ASP.NET Core writes every request's path to its logs (hosting's request lines and request scope,
/// routing's matching), so the token is cut out of every message, structured value and scope before any log provider
/// sees it. Portal's own code logs no secret at all: <c>NoSecretsInLogsTests</c> holds it to that at Trace level.
/// </summary>
public static partial class LogRedaction
{
    public const string Redacted = "***";
    private const string Marker = "join/", AcceptMarker = "accept/";

    /// <summary>Every logger the app makes (the framework's too) goes through <see cref="RedactingLoggerFactory"/>.</summary>
    public static ILoggingBuilder RedactSecretsInPaths(this ILoggingBuilder logging)
    {
        logging.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(), sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(), sp.GetService<IExternalScopeProvider>()))));
        return logging;
    }

    /// <summary><paramref name="text"/> with the token of each invitation path replaced (<c>/join/***</c>); route templates (<c>/join/{Token}</c>) stay.</summary>
    public static string Redact(string text) => HasMarker(text) ? JoinToken().Replace(text, Redacted) : text;

    private static bool HasMarker(string text) => text.Contains(Marker, StringComparison.Ordinal) || text.Contains(AcceptMarker, StringComparison.Ordinal);

    // The segment after join/ or invitations/accept/ (not the form's own answer/ route).
    [GeneratedRegex(@"(?<=(?<![\w.-])(?:join|invitations/accept)/)(?!answer(?:[/?#\s'""]|$))[^/?#\s'""{}][^/?#\s'""]*")]
    private static partial Regex JoinToken();

    // Paths reach the log as strings (or PathString); other values are not looked at, so a line costs no extra ToString.
    private static bool Carries(object? value) => value switch
    {
        string text => HasMarker(text),
        PathString path => path.Value is { } p && HasMarker(p),
        Uri uri => HasMarker(uri.OriginalString),
        _ => false,
    };

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));
        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);
        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var message = formatter(state, exception); // formatted once, here; providers get the text
            if (!Carries(message) && !(state is IEnumerable<KeyValuePair<string, object?>> values && values.Any(v => Carries(v.Value))))
            {
                inner.Log(logLevel, eventId, state, exception, (_, _) => message);
                return;
            }
            var redacted = new RedactedValues(state as IEnumerable<KeyValuePair<string, object?>> ?? [], Redact(message));
            inner.Log(logLevel, eventId, redacted, exception, (s, _) => s.ToString());
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => state switch
        {
            string text when Carries(text) => inner.BeginScope(Redact(text)),
            IEnumerable<KeyValuePair<string, object?>> values when values.Any(v => Carries(v.Value)) =>
                inner.BeginScope(new RedactedValues(values, Redact(state.ToString() ?? ""))),
            _ => inner.BeginScope(state),
        };
    }

    /// <summary>A log state or scope as structured values (as a JSON console writes them) and text, both redacted.</summary>
    private sealed class RedactedValues(IEnumerable<KeyValuePair<string, object?>> values, string text) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _values =
            values.Select(v => Carries(v.Value) ? new KeyValuePair<string, object?>(v.Key, Redact(v.Value!.ToString()!)) : v).ToList();

        public KeyValuePair<string, object?> this[int index] => _values[index];
        public int Count => _values.Count;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => text;
    }
}
