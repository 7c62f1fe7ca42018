using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MemberMall.Features.Outbox;

/// <summary>
/// Version 7 UUIDs that only grow within this process: the 12 bits after the version hold a counter within one
/// millisecond (RFC 9562, method 1). <see cref="Guid.CreateVersion7()"/> fills them at random, so two events written in
/// the same millisecond would sort in either order. Both databases order these ids by their bytes, as written. The
/// time part is the machine's real time, as for every other id, not the injected clock.
/// </summary>
public static class SequentialIds
{
    private static readonly Lock Gate = new();
    private static long _lastMs;
    private static int _counter;

    public static Guid Next()
    {
        long ms;
        int counter;
        lock (Gate)
        {
            ms = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
            if (ms > _lastMs)
            {
                _lastMs = ms;
                _counter = 0;
            }
            else if (++_counter > 0xFFF)
            {
                _lastMs++;
                _counter = 0;
            }
            (ms, counter) = (_lastMs, _counter);
        }
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, (ms << 16) | 0x7000L | (uint)counter);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Compares two ids in the order the databases sort them (their bytes, big-endian).</summary>
    public static int Compare(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16], y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }
}
