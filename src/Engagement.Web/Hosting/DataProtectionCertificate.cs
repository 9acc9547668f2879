using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Engagement.Web.Hosting;

/// <summary>
/// The certificate that encrypts the data protection keys held in the database (they sign the sign-in cookies and
/// protect form drafts, so in clear anyone who could read the database could forge a session).
/// <c>DataProtection:CertificatePath</c> (a PFX, with <c>DataProtection:CertificatePassword</c>) names it; production
/// runs on more than one instance should always set it. Without it, a self-signed certificate is generated once in the
/// data folder (<c>dataprotection-certificate.pfx</c>, readable by the app's user only), which suits the embedded
/// single-instance default. <c>DataProtection:PreviousCertificatePath</c> (and password) keeps keys written under the
/// certificate before a rotation readable.
/// </summary>
public static class DataProtectionCertificate
{
    public const string GeneratedFileName = "dataprotection-certificate.pfx";

    public static (X509Certificate2 Current, X509Certificate2[] Readable) Load(IConfiguration configuration, string dataDirectory)
    {
        var path = configuration["DataProtection:CertificatePath"];
        var current = string.IsNullOrWhiteSpace(path)
            ? LoadOrCreateGenerated(Path.Combine(dataDirectory, GeneratedFileName))
            : X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);

        var readable = new List<X509Certificate2> { current };
        var previous = configuration["DataProtection:PreviousCertificatePath"];
        if (!string.IsNullOrWhiteSpace(previous))
        {
            readable.Add(X509CertificateLoader.LoadPkcs12FromFile(previous, configuration["DataProtection:PreviousCertificatePassword"], X509KeyStorageFlags.EphemeralKeySet));
        }

        return (current, [.. readable]);
    }

    private static X509Certificate2 LoadOrCreateGenerated(string file)
    {
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Engagement data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));
            var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temporary, created.Export(X509ContentType.Pfx));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException)
            {
                // Another instance on the same folder wrote it first: use theirs.
                File.Delete(temporary);
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(file, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
