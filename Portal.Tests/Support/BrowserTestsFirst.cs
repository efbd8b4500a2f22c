using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestCollectionOrderer("Portal.Tests.Support.BrowserTestsFirst", "Portal.Tests")]

namespace Portal.Tests.Support;

/// <summary>
/// Starts the browser tests' collection first. It is one collection (one app, one browser) and the suite's long pole
/// (about 8 of its 12 minutes); xunit's default order started it only after most other classes, so it ran alone while
/// a second core idled. Started first, every other class runs beside it on the other test thread. The rest keep xunit's
/// default order (by unique id); the crash tests still run alone at the end (their collection disables parallelism).
/// </summary>
public sealed class BrowserTestsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == E2E.E2ECollection.Name ? 0 : 1).ThenBy(c => c.UniqueID);
}
