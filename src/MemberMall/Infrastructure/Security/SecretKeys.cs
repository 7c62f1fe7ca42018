using System.Security.Cryptography;
using System.Text.Json;

namespace MemberMall.Infrastructure.Security;

/// <summary>
/// The keys that protect personal data. Production sets <c>Security:PiiEncryptionKey</c> and
/// <c>Security:PiiHashKey</c> (base64, 32 bytes each); without them the keys are generated once into
/// <c>secrets.json</c> in the data directory, so a demo restarts with the same keys.
/// </summary>
public sealed class SecretKeys
{
    public required byte[] EncryptionKey { get; init; }
    public required byte[] HashKey { get; init; }

    public static SecretKeys Load(IConfiguration config, string dataDirectory, ILogger logger)
    {
        var enc = config["Security:PiiEncryptionKey"];
        var hash = config["Security:PiiHashKey"];
        if (!string.IsNullOrEmpty(enc) && !string.IsNullOrEmpty(hash))
            return new SecretKeys { EncryptionKey = Decode(enc, "PiiEncryptionKey"), HashKey = Decode(hash, "PiiHashKey") };

        var file = Path.Combine(dataDirectory, "secrets.json");
        if (File.Exists(file))
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!;
            return new SecretKeys { EncryptionKey = Decode(stored["piiEncryptionKey"], "piiEncryptionKey"), HashKey = Decode(stored["piiHashKey"], "piiHashKey") };
        }

        Directory.CreateDirectory(dataDirectory);
        var keys = new SecretKeys { EncryptionKey = RandomNumberGenerator.GetBytes(32), HashKey = RandomNumberGenerator.GetBytes(32) };
        File.WriteAllText(file, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["piiEncryptionKey"] = Convert.ToBase64String(keys.EncryptionKey),
            ["piiHashKey"] = Convert.ToBase64String(keys.HashKey),
        }));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        logger.LogWarning("No Security:PiiEncryptionKey configured; generated keys into {File}. Configure them for production.", file);
        return keys;
    }

    private static byte[] Decode(string base64, string name)
    {
        var bytes = Convert.FromBase64String(base64);
        return bytes.Length == 32 ? bytes : throw new InvalidOperationException($"Security:{name} must be 32 bytes in base64.");
    }
}
