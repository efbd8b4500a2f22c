using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Infrastructure;

/// <summary>
/// The Data Protection key ring lives in the same database as what its keys protect (bank details, the keys behind
/// sign-in cookies and antiforgery tokens), so a copy of the database alone must not open them: the keys are
/// encrypted with a certificate from configuration (<c>DataProtection:Certificate</c>, a PKCS#12 file and its
/// password), and Production refuses to start without one. Rotation: make the new certificate current and list the
/// old one under <c>DataProtection:PreviousCertificates</c>; keys it encrypted stay readable, new keys use the new one.
/// </summary>
public static class KeyRingProtection
{
    public const string CertificateSection = "DataProtection:Certificate";
    public const string PreviousCertificatesSection = "DataProtection:PreviousCertificates";

    public static IServiceCollection AddKeyRingProtection(this IServiceCollection services, IConfiguration config)
    {
        if (Load(config.GetSection(CertificateSection)) is not { } current) return services;
        var previous = config.GetSection(PreviousCertificatesSection).GetChildren().Select(Load).OfType<X509Certificate2>().ToArray();
        var dataProtection = services.AddDataProtection().ProtectKeysWithCertificate(current);
        if (previous.Length > 0) dataProtection.UnprotectKeysWithAnyCertificate([current, .. previous]);
        return services;
    }

    /// <summary>An unencrypted key ring is for development and tests only: Production must configure a certificate.</summary>
    public static void EnsureProtectedInProduction(IConfiguration config, IHostEnvironment env)
    {
        if (env.IsProduction() && string.IsNullOrWhiteSpace(config[$"{CertificateSection}:Path"]))
            throw new InvalidOperationException(
                $"The Data Protection key ring is not encrypted. Configure {CertificateSection}:Path (a PKCS#12 .pfx file with its private key) " +
                $"and {CertificateSection}:Password; see the README's \"Protecting the key ring\".");
    }

    private static X509Certificate2? Load(IConfigurationSection section)
    {
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path)) throw new InvalidOperationException($"{section.Path}:Path names no file: {path}");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["Password"]);
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{section.Path}:Path has no private key: {path}");
        return certificate;
    }
}
