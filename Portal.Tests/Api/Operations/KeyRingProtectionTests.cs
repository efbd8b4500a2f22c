using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Store;
using Portal.Infrastructure;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Operations;

/// <summary>
/// The key ring is stored beside the data it protects, so its keys are encrypted with a certificate from configuration;
/// Production refuses to start without one, and a previous certificate keeps old keys readable while rotating.
/// </summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private const string Password = "key-ring-test";
    private readonly PortalApiFactory _factory = new();
    private readonly List<string> _files = [];

    public void Dispose()
    {
        _factory.Dispose();
        foreach (var file in _files) File.Delete(file);
    }

    [Fact]
    public async Task WithACertificate_TheStoredKeysAreEncrypted_AndStillOpenWhatTheyProtected()
    {
        var certificate = NewCertificateFile("current");
        var host = WithCertificates(certificate);

        var secret = Protector(host).Protect("NL91 ABNA 0417 1643 00");

        var xml = await StoredKeyXmlAsync(host);
        Assert.NotEmpty(xml);
        Assert.All(xml, key =>
        {
            Assert.Contains("EncryptedXmlDecryptor", key);
            Assert.DoesNotContain("unencrypted form", key);
        });
        Assert.Equal("NL91 ABNA 0417 1643 00", Protector(WithCertificates(certificate)).Unprotect(secret));
    }

    [Fact]
    public async Task WithoutACertificate_OutsideProduction_TheKeysAreStoredAsTheFrameworkWritesThem()
    {
        Protector(_factory).Protect("anything");

        Assert.All(await StoredKeyXmlAsync(_factory), key => Assert.Contains("unencrypted form", key));
    }

    [Fact]
    public async Task Rotating_ThePreviousCertificateStillOpensOldKeys_AndNewKeysUseTheNewOne()
    {
        var (old, current) = (NewCertificateFile("old"), NewCertificateFile("new"));
        var secret = Protector(WithCertificates(old)).Protect("invitation secret");

        var rotated = WithCertificates(current, old);
        Assert.Equal("invitation secret", Protector(rotated).Unprotect(secret));
        rotated.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        var newest = (await StoredKeyXmlAsync(rotated))[^1];
        Assert.Contains(Convert.ToBase64String(X509CertificateLoader.LoadPkcs12FromFile(current, Password).RawData), newest);

        // Without the old certificate listed, the keys it encrypted cannot be read: that is what the setting is for.
        Assert.ThrowsAny<CryptographicException>(() => Protector(WithCertificates(current)).Unprotect(secret));
    }

    [Fact]
    public void Production_WithoutACertificate_RefusesToStart_SayingWhatToConfigure()
    {
        var production = _factory.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Auth:AllowLocalSignIn", "true"));

        var refused = Assert.ThrowsAny<Exception>(() => production.Services);

        Assert.Contains(KeyRingProtection.CertificateSection, Flatten(refused));
    }

    [Fact]
    public async Task Production_WithACertificate_Starts()
    {
        var certificate = NewCertificateFile("production");
        var production = _factory.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Auth:AllowLocalSignIn", "true")
            .UseSetting($"{KeyRingProtection.CertificateSection}:Path", certificate)
            .UseSetting($"{KeyRingProtection.CertificateSection}:Password", Password));

        using var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var health = await client.GetAsync("/health");

        Assert.True(health.IsSuccessStatusCode, $"/health answered {(int)health.StatusCode}");
    }

    private WebApplicationFactory<Program> WithCertificates(string current, params string[] previous) =>
        _factory.WithWebHostBuilder(b =>
        {
            b.UseSetting($"{KeyRingProtection.CertificateSection}:Path", current);
            b.UseSetting($"{KeyRingProtection.CertificateSection}:Password", Password);
            for (var i = 0; i < previous.Length; i++)
            {
                b.UseSetting($"{KeyRingProtection.PreviousCertificatesSection}:{i}:Path", previous[i]);
                b.UseSetting($"{KeyRingProtection.PreviousCertificatesSection}:{i}:Password", Password);
            }
        });

    private static IDataProtector Protector(WebApplicationFactory<Program> host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KeyRingProtectionTests");

    private static async Task<List<string>> StoredKeyXmlAsync(WebApplicationFactory<Program> host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml!).ToListAsync();
    }

    private string NewCertificateFile(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Portal key ring {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"portal-keyring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        _files.Add(path);
        return path;
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
