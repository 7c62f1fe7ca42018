using System.Security.Cryptography;
using System.Text;

namespace MemberMall.Infrastructure.Security;

/// <summary>
/// Encrypts personal data at rest with AES-256-GCM and computes keyed hashes (HMAC-SHA256) of
/// normalised values, so an exact look-up by phone or e-mail never needs the plain text in the database.
/// </summary>
public sealed class PiiProtector(SecretKeys keys)
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Encrypt(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var output = new byte[NonceSize + data.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.EncryptionKey, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize, data.Length), output.AsSpan(NonceSize + data.Length, TagSize));
        return Prefix + Convert.ToBase64String(output);
    }

    public string Decrypt(string cipher)
    {
        if (!cipher.StartsWith(Prefix, StringComparison.Ordinal))
            throw new CryptographicException("Unknown cipher format.");
        var bytes = Convert.FromBase64String(cipher[Prefix.Length..]);
        var length = bytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(keys.EncryptionKey, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, length), bytes.AsSpan(NonceSize + length, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public string? DecryptOrNull(string? cipher) => cipher is null ? null : Decrypt(cipher);

    public string Hash(string normalized) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(keys.HashKey, Encoding.UTF8.GetBytes(normalized)));
}
