using MemberMall.Features.Accounts;
using MemberMall.Features.Members;
using MemberMall.Infrastructure.Security;

namespace MemberMall.Features.Demo;

/// <summary>One seeded member and its account, as the columns want them.</summary>
internal sealed record SeedMember(
    Guid Id, string MemberNo, string UserName, string Name, Gender Gender, DateOnly? Birthday, string[] Interests,
    string PhoneCipher, string PhoneHash, string? EmailCipher, string? EmailHash, string ReferralCode, string? ReferredByCode,
    DateTimeOffset RegisteredAt, int OrderCount, long TotalSpendFen, DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt,
    string SecurityStamp, string ConcurrencyStamp, SeedTag[] Tags, SeedSpend[] Spends, Guid? FavouriteCategoryId);

internal readonly record struct SeedTag(Guid TagId, DateTimeOffset At);

/// <summary>A seeded member's spend in one category; a member's spends add up to their total spend.</summary>
internal readonly record struct SeedSpend(Guid CategoryId, long SpendFen);

/// <summary>
/// Makes believable members: Chinese names, a registration curve that grows over three years, and
/// consumption skewed like a real shop (30% never ordered, most bought once or twice, a few spend a lot).
/// Member <c>k</c> of a run depends only on the run and <c>k</c>, so batches can be made in parallel.
/// A member's spend is split over one to three of the shop's categories (<paramref name="categoryIds"/>, those
/// that hold products; none when it has none), the first of them most popular, and the biggest share names the
/// favourite category the way payments do.
/// </summary>
internal sealed class SeedGenerator(PiiProtector pii, DateTimeOffset now, long start, long count, Guid[] tagIds, Guid[] categoryIds)
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(3 * 365);

    // Shares among tagged members, in the order of DemoData.TagNames: VIP, 新客, 高潜力, 沉睡客户, 母婴人群, 数码爱好者, 价格敏感, 企业采购.
    private static readonly double[] TagWeights = [0.45, 0.15, 0.10, 0.10, 0.07, 0.06, 0.05, 0.02];
    private static readonly string[] EmailDomains = ["example.com", "example.net", "example.org"];
    private readonly DateOnly _today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>The sequence number (see <see cref="SeedSequence"/>) of the run's member <paramref name="k"/>.</summary>
    public long Number(long k) => start + k;

    public SeedMember Make(long k)
    {
        var n = Number(k);
        var r = new SeedRandom((ulong)n);
        var gender = r.NextDouble() switch { < 0.52 => Gender.Female, < 0.94 => Gender.Male, _ => Gender.Unknown };
        var surname = SeedNames.Surnames[r.Pick(SeedNames.SurnameWeights, SeedNames.SurnameTotal)];
        var name = surname.Surname + GivenName(ref r, gender);

        // Registrations grow linearly over the span (density ∝ t, so t = √u); k orders them, so ids ascend.
        var f = Math.Sqrt((k + r.NextDouble()) / count);
        var registeredAt = Millis(now - Span * (1 - f));

        var phone = SeedSequence.Phone(n);
        string? email = null;
        if (r.Chance(0.25))
        {
            var separator = r.Next(3) switch { 0 => ".", 1 => "_", _ => "" };
            email = $"{surname.Pinyin}{separator}{SeedSequence.EmailNumber(n)}@{EmailDomains[r.Next(EmailDomains.Length)]}";
        }

        DateOnly? birthday = null;
        if (r.Chance(0.78))
        {
            var age = Math.Clamp((int)Math.Exp(Math.Log(14) + 0.45 * r.NextGaussian()) + 18, 18, 80);
            birthday = _today.AddYears(-age).AddDays(-r.Next(365));
        }

        var (orders, spend, first, last) = Orders(ref r, registeredAt);
        var referredBy = k > 0 && r.Chance(0.08) ? SeedSequence.ReferralCode(start + (long)(r.NextDouble() * k)) : null;

        var spends = Spends(ref r, orders, spend);
        var memberNo = SeedSequence.MemberNo(n);
        return new SeedMember(Guid.CreateVersion7(registeredAt), memberNo, Account.MemberUserName(memberNo), name, gender, birthday, Interests(ref r),
            pii.Encrypt(phone), pii.Hash(phone), email is null ? null : pii.Encrypt(email), email is null ? null : pii.Hash(email),
            SeedSequence.ReferralCode(n), referredBy, registeredAt, orders, spend, first, last,
            Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString(), Tags(ref r, registeredAt), spends, Favourite(spends));
    }

    private SeedSpend[] Spends(ref SeedRandom r, int orders, long spendFen)
    {
        if (orders == 0 || categoryIds.Length == 0) return [];
        var howMany = Math.Min(categoryIds.Length, orders == 1 ? 1 : 1 + r.Next(Math.Min(orders, 3)));
        var picked = new List<Guid>(howMany);
        while (picked.Count < howMany)
        {
            var id = categoryIds[r.Pick(_categoryWeights, _categoryTotal)];
            if (!picked.Contains(id)) picked.Add(id);
        }
        var shares = new double[howMany];
        for (var i = 0; i < howMany; i++) shares[i] = 0.2 + r.NextDouble();
        var sum = shares.Sum();
        var spends = new SeedSpend[howMany];
        var left = spendFen;
        for (var i = howMany - 1; i > 0; i--)
        {
            var fen = Math.Min(left, (long)Math.Round(spendFen * shares[i] / sum, MidpointRounding.AwayFromZero));
            spends[i] = new SeedSpend(picked[i], fen);
            left -= fen;
        }
        spends[0] = new SeedSpend(picked[0], left);
        return spends.Where(s => s.SpendFen > 0).ToArray();
    }

    /// <summary>The biggest spend, the lower id on a tie: the order <see cref="ConsumptionStats"/> names it in.</summary>
    private static Guid? Favourite(SeedSpend[] spends) =>
        spends.Length == 0 ? null : spends.OrderByDescending(s => s.SpendFen).ThenBy(s => s.CategoryId).First().CategoryId;

    // Category popularity falls off like 1/rank, so a few categories carry most of the spend.
    private readonly double[] _categoryWeights = categoryIds.Select((_, i) => 1.0 / (i + 1)).ToArray();
    private readonly double _categoryTotal = Enumerable.Range(1, categoryIds.Length).Sum(i => 1.0 / i);

    private static string GivenName(ref SeedRandom r, Gender gender)
    {
        var pool = gender switch { Gender.Male => SeedNames.Male, Gender.Female => SeedNames.Female, _ => r.Chance(0.5) ? SeedNames.Male : SeedNames.Female };
        var first = pool[r.Next(pool.Length)];
        if (r.Chance(0.3)) return first;
        var second = pool[r.Next(pool.Length)];
        return second == first ? first + first : first + second;
    }

    private static string[] Interests(ref SeedRandom r)
    {
        var howMany = r.NextDouble() switch { < 0.4 => 0, < 0.7 => 1, < 0.9 => 2, _ => 3 };
        if (howMany == 0) return [];
        var all = DemoData.Interests;
        var picked = new List<string>(howMany);
        while (picked.Count < howMany)
        {
            var interest = all[r.Next(all.Length)];
            if (!picked.Contains(interest)) picked.Add(interest);
        }
        return picked.ToArray();
    }

    private (int Orders, long SpendFen, DateTimeOffset? First, DateTimeOffset? Last) Orders(ref SeedRandom r, DateTimeOffset registeredAt)
    {
        if (r.Chance(0.30)) return (0, 0, null, null);
        // Pareto tail: P(orders ≥ x) = x^-1.25 — 58% order once, under 1% order fifty times or more.
        var orders = (int)Math.Min(400, Math.Floor(Math.Pow(1 - r.NextDouble(), -1 / 1.25)));
        // Average order value: log-normal around ¥95.
        var averageFen = Math.Clamp(Math.Exp(Math.Log(9_500) + 0.75 * r.NextGaussian()), 590, 3_000_000);
        var spend = orders == 1 ? averageFen : orders * averageFen * Math.Exp(0.2 * r.NextGaussian());

        var open = now - registeredAt;
        var first = registeredAt + TimeSpan.FromTicks((long)(Math.Min(1, -Math.Log(1 - r.NextDouble()) * 20 / Math.Max(open.TotalDays, 1e-6)) * open.Ticks));
        var last = orders == 1 ? first : first + (now - first) * Math.Sqrt(r.NextDouble());
        return (orders, (long)Math.Round(spend, MidpointRounding.AwayFromZero), Millis(first), Millis(last));
    }

    private SeedTag[] Tags(ref SeedRandom r, DateTimeOffset registeredAt)
    {
        if (!r.Chance(0.15)) return [];
        var first = r.Pick(TagWeights, 1.0);
        var at = Millis(registeredAt + (now - registeredAt) * r.NextDouble());
        if (!r.Chance(0.25)) return [new SeedTag(tagIds[first], at)];
        var second = r.Pick(TagWeights, 1.0);
        return second == first ? [new SeedTag(tagIds[first], at)] : [new SeedTag(tagIds[first], at), new SeedTag(tagIds[second], at)];
    }

    private static DateTimeOffset Millis(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}
