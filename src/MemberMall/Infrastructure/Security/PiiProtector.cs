using System.Security.Cryptography;
using System.Text;

namespace MemberMall.Infrastructure.Security;

/// <summary>
/// Encrypts personal data at rest with AES-256-GCM and computes keyed hashes (HMAC-SHA256) of
/// normalised values, so an exact look-up by phone or e-mail never needs the plain text in the database.
/// </summary>
/// <remarks>
/// Setting up a cipher or MAC costs several times more than using it on a phone number, and a list page
/// decrypts dozens of values, so each thread keeps one of each (neither is safe to share between threads).
/// </remarks>
public sealed class PiiProtector(SecretKeys keys)
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly ThreadLocal<AesGcm> _aes = new(() => new AesGcm(keys.EncryptionKey, TagSize));
    private readonly ThreadLocal<HMACSHA256> _hmac = new(() => new HMACSHA256(keys.HashKey));

    public string Encrypt(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var output = new byte[NonceSize + data.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        _aes.Value!.Encrypt(nonce, data, output.AsSpan(NonceSize, data.Length), output.AsSpan(NonceSize + data.Length, TagSize));
        return Prefix + Convert.ToBase64String(output);
    }

    public string Decrypt(string cipher)
    {
        if (!cipher.StartsWith(Prefix, StringComparison.Ordinal))
            throw new CryptographicException("Unknown cipher format.");
        var bytes = Convert.FromBase64String(cipher[Prefix.Length..]);
        var length = bytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        _aes.Value!.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, length), bytes.AsSpan(NonceSize + length, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public string? DecryptOrNull(string? cipher) => cipher is null ? null : Decrypt(cipher);

    public string Hash(string normalized)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        _hmac.Value!.TryComputeHash(Encoding.UTF8.GetBytes(normalized), mac, out _);
        return Convert.ToHexStringLower(mac);
    }
}
