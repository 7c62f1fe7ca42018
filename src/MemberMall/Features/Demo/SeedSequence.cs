using MemberMall.Features.Members;

namespace MemberMall.Features.Demo;

/// <summary>
/// The unique values of seeded member number <c>n</c> (0, 1, 2, …): phone, member number, referral code and
/// e-mail local part. Each is a bijection of <c>n</c>, so a million of them are distinct without a single
/// look-up, yet they do not read as a counter. The same <c>n</c> always gives the same values, which lets
/// the benchmark ask for phones it knows were seeded.
/// </summary>
public static class SeedSequence
{
    /// <summary>Mainland mobile prefixes; seeded members are spread evenly over them.</summary>
    private static readonly string[] PhonePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153", "155",
        "156", "157", "158", "159", "166", "171", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
        "185", "186", "187", "188", "189", "191", "198", "199",
    ];

    private const long MemberNoSpace = 9_000_000_000;
    // Coprime with 9·10⁹ (not divisible by 2, 3 or 5), so n ↦ n·A + B mod 9·10⁹ is a permutation.
    private const ulong MemberNoFactor = 7_919_000_077;
    private const ulong MemberNoOffset = 3_141_592_653;
    private const int EmailSpace = 1_000_000_000;
    private const ulong EmailFactor = 387_420_489; // 3^18, coprime with 10⁹
    private const ulong ReferralMask = (1UL << 40) - 1;

    /// <summary>How many distinct members the sequence can describe (the phone space is the smallest).</summary>
    public static long Capacity => PhonePrefixes.Length * 100_000_000L;

    public static string Phone(long n)
    {
        Check(n);
        var prefix = PhonePrefixes[n % PhonePrefixes.Length];
        return prefix + Feistel8((int)(n / PhonePrefixes.Length)).ToString("D8");
    }

    /// <summary>A 10-digit member number, the shape <see cref="Registration"/> hands out.</summary>
    public static string MemberNo(long n)
    {
        Check(n);
        var scrambled = (ulong)((UInt128)(ulong)n * MemberNoFactor % MemberNoSpace);
        return (1_000_000_000 + (long)((scrambled + MemberNoOffset) % MemberNoSpace)).ToString();
    }

    /// <summary>An 8-character code over <see cref="Registration.ReferralAlphabet"/> (32 letters = 5 bits each).</summary>
    public static string ReferralCode(long n)
    {
        Check(n);
        // An invertible mix of 40 bits: xor-shift, odd multiply, xor-shift.
        var x = (ulong)n & ReferralMask;
        x ^= x >> 21;
        x = (x * 0x9E3779B97FUL) & ReferralMask;
        x ^= x >> 17;
        x ^= 0x5A5A5A5A5AUL;
        Span<char> code = stackalloc char[8];
        for (var i = 7; i >= 0; i--, x >>= 5) code[i] = Registration.ReferralAlphabet[(int)(x & 31)];
        return new string(code);
    }

    /// <summary>A number unique to <c>n</c> for e-mail local parts (<c>wangfang482913@example.com</c>).</summary>
    public static long EmailNumber(long n) => (long)(((ulong)n * EmailFactor + 12_345) % EmailSpace);

    /// <summary>A permutation of [0, 10⁸): three Feistel rounds over two halves of four digits.</summary>
    private static int Feistel8(int x)
    {
        int left = x / 10_000, right = x % 10_000;
        for (var round = 0u; round < 3; round++)
        {
            var f = (int)(((uint)right * 2_654_435_761u ^ (round + 1) * 40_503u) >> 7) % 10_000;
            (left, right) = (right, (left + f) % 10_000);
        }
        return left * 10_000 + right;
    }

    private static void Check(long n)
    {
        // Email numbers repeat past 10⁹ and phones past the capacity; nobody seeds a billion members here.
        if (n < 0 || n >= Math.Min(Capacity, EmailSpace))
            throw new ArgumentOutOfRangeException(nameof(n), n, "Seed sequence numbers run from 0 to one billion.");
    }
}
