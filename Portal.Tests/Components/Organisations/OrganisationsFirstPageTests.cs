using System.Collections.Concurrent;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>
/// The list reads its first page before its first render (with the account managers) and the live grid takes that page
/// over: the database is asked for it once, not once for the page and again for the grid.
/// </summary>
public sealed class OrganisationsFirstPageTests : PortalComponentTest
{
    private readonly SqlLog _sql = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerFactory>(LoggerFactory.Create(b => b.AddProvider(_sql).SetMinimumLevel(LogLevel.Information)));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Orgs.CreateAsync("Aardvark BV", "NL", OrganisationStatus.Active);
        await Orgs.CreateAsync("Zeeland Foods", "NL", OrganisationStatus.Active);
    }

    [Fact]
    public void The_first_page_is_read_once_and_the_live_grid_shows_it()
    {
        RenderDialogProvider();
        Navigation.NavigateTo("/organisations?status=Active&sort=-name");
        _sql.Clear();

        var cut = Render<Features.Organisations.Organisations>();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=organisations-first-page]")); // the live grid has taken over
            Assert.Equal(["Zeeland Foods", "Aardvark BV"], cut.FindAll("tbody a.row-link").Select(a => a.TextContent.Trim()));
        }, TimeSpan.FromSeconds(5));
        Assert.Single(_sql.Commands, c => c.Contains("COUNT(*)") && c.Contains("\"Organisations\""));
    }

    /// <summary>The SQL of every command EF Core runs.</summary>
    private sealed class SqlLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _commands = new();
        public IReadOnlyList<string> Commands => [.. _commands];
        public void Clear() => _commands.Clear();

        public ILogger CreateLogger(string categoryName) => categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? this : NullLogger;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name?.EndsWith("CommandExecuted") == true) _commands.Enqueue(formatter(state, exception));
        }

        private static readonly ILogger NullLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }
}
