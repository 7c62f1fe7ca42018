using System.Net;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Demo;
using MemberMall.Features.Members;
using MemberMall.Infrastructure.Security;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Demo;

public class BulkSeederTests
{
    private static async Task<SeedResult> SeedAsync(MallApp app, SeedOptions options)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BulkSeeder>().SeedAsync(options, null, CancellationToken.None);
    }

    [Fact]
    public async Task Seeded_members_are_found_by_phone_in_the_admin_list_and_sign_in_with_the_shared_password()
    {
        await using var app = await MallApp.StartAsync();
        var result = await SeedAsync(app, new SeedOptions(2_000, BatchSize: 700));
        Assert.Equal(2_000, result.Members);
        Assert.Equal(0, result.Skipped);

        var admin = await app.AdminAsync();
        var phone = SeedSequence.Phone(1_234);
        var found = await (await admin.GetAsync($"/api/admin/members?q={phone}")).ShouldBe(HttpStatusCode.OK);
        var item = Assert.Single(found["items"]!.AsArray())!;
        Assert.Equal(SeedSequence.MemberNo(1_234), item.Str("memberNo"));
        Assert.Equal(phone, item.Str("phone"));

        var detail = await (await admin.GetAsync($"/api/admin/members/{item.Str("id")}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(SeedSequence.ReferralCode(1_234), detail.Str("referralCode"));
        Assert.False(string.IsNullOrEmpty(detail.Str("name")));

        var list = await (await admin.GetAsync("/api/admin/members?pageSize=5")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2_000, list["total"]!.GetValue<long>());

        var login = await app.LoginAsync(phone, BulkSeeder.DefaultPassword);
        Assert.Equal("member", login["account"]!.Str("kind"));
        Assert.Equal(item.Str("id"), login["account"]!.Str("id"));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_seeded_member_has_its_account_and_the_numbers_look_like_a_real_shop()
    {
        await using var app = await MallApp.StartAsync();
        var result = await SeedAsync(app, new SeedOptions(2_000, BatchSize: 512));

        var (members, accounts, paired, neverOrdered, tagged, tagRows) = await app.WithDb(async db => (
            await db.Members.CountAsync(),
            await db.Users.CountAsync(a => a.Kind == AccountKind.Member),
            await db.Members.CountAsync(m => db.Users.Any(a => a.Id == m.Id && a.Kind == AccountKind.Member && a.UserName == "m." + m.MemberNo)),
            await db.Members.CountAsync(m => m.OrderCount == 0 && m.TotalSpendFen == 0 && m.LastOrderAt == null),
            await db.Members.CountAsync(m => m.Tags.Any()),
            await db.MemberTags.CountAsync()));
        Assert.Equal(2_000, members);
        Assert.Equal(2_000, accounts);
        Assert.Equal(2_000, paired);
        Assert.InRange(neverOrdered, 450, 750);
        Assert.InRange(tagged, 200, 420);
        Assert.Equal(result.Tags, tagRows);

        // The stored values read back through EF on this provider: times, dates, enums and the interests list.
        var sample = await app.WithDb(db => db.Members.AsNoTracking().Include(m => m.Tags).ThenInclude(t => t.Tag)
            .Where(m => m.OrderCount > 1 && m.Birthday != null && m.EmailHash != null && m.Interests.Count > 0).FirstAsync());
        Assert.True(sample.FirstOrderAt >= sample.RegisteredAt && sample.LastOrderAt >= sample.FirstOrderAt);
        Assert.True(sample.LastOrderAt <= app.Clock.GetUtcNow());
        Assert.True(sample.RegisteredAt > app.Clock.GetUtcNow().AddYears(-3).AddDays(-2));
        Assert.All(sample.Interests, i => Assert.Contains(i, DemoData.Interests));
        var pii = app.Service(sp => sp.GetRequiredService<PiiProtector>());
        var email = pii.Decrypt(sample.EmailCipher!);
        Assert.Equal(email, ContactNormalizer.NormalizeEmail(email));
        Assert.Equal("member", (await app.LoginAsync(email, BulkSeeder.DefaultPassword))["account"]!.Str("kind"));

        var admin = await app.AdminAsync();
        var vip = await (await admin.GetAsync("/api/admin/members?tag=VIP&sort=-totalSpend&pageSize=50")).ShouldBe(HttpStatusCode.OK);
        var spends = vip["items"]!.AsArray().Select(i => i!["totalSpend"]!.GetValue<decimal>()).ToList();
        Assert.NotEmpty(spends);
        Assert.Equal(spends.OrderDescending(), spends);
        Assert.All(vip["items"]!.AsArray(), i => Assert.Contains("VIP", i!["tags"]!.AsArray().Select(t => t!.GetValue<string>())));
    }

    [Fact]
    public async Task Seeded_spend_is_split_over_the_shops_categories_and_names_the_favourite_one()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var names = new[] { "茶叶", "图书", "家电" };
        foreach (var name in names) await admin.ProductAsync(name + "礼盒", 88m, 10, await admin.CategoryAsync(name));
        await admin.CategoryAsync("空分类"); // holds no product, so no spend

        var result = await SeedAsync(app, new SeedOptions(1_500, BatchSize: 400));

        var (members, spends, categories) = await app.WithDb(async db => (
            await db.Members.AsNoTracking().Select(m => new { m.Id, m.OrderCount, m.TotalSpendFen, m.FavouriteCategoryId }).ToListAsync(),
            await db.MemberCategorySpends.AsNoTracking().ToListAsync(),
            await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name)));
        Assert.Equal(result.Spends, spends.Count);
        Assert.All(spends, s => Assert.Contains(categories[s.CategoryId], names));
        Assert.All(spends, s => Assert.True(s.SpendFen > 0));
        var byMember = spends.ToLookup(s => s.MemberId);
        foreach (var m in members)
        {
            var own = byMember[m.Id].ToList();
            Assert.Equal(m.TotalSpendFen, own.Sum(s => s.SpendFen));
            Assert.InRange(own.Count, m.OrderCount == 0 ? 0 : 1, Math.Min(3, m.OrderCount));
            var top = own.OrderByDescending(s => s.SpendFen).ThenBy(s => s.CategoryId).FirstOrDefault();
            Assert.Equal(top?.CategoryId, m.FavouriteCategoryId);
        }
        // Every category with products is someone's favourite; spend spreads over more than one category for some.
        Assert.Equal(3, members.Where(m => m.FavouriteCategoryId != null).Select(m => m.FavouriteCategoryId).Distinct().Count());
        Assert.Contains(byMember, g => g.Count() > 1);

        var sample = members.First(m => m.FavouriteCategoryId != null);
        var detail = await (await admin.GetAsync($"/api/admin/members/{sample.Id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(categories[sample.FavouriteCategoryId!.Value], detail["stats"]!["favouriteCategory"]!.Str("name"));
        Assert.Equal(sample.FavouriteCategoryId.ToString(), detail["stats"]!["favouriteCategory"]!.Str("id"));
    }

    [Fact]
    public async Task Seeding_a_shop_that_has_members_needs_append_and_then_steps_around_taken_phones()
    {
        await using var app = await MallApp.StartAsync();
        // The first appended member would get sequence number 1 and so this phone: it must be skipped and replaced.
        var taken = SeedSequence.Phone(1);
        var (registeredId, _) = await app.RegisterAsync(phone: taken);

        var refused = await Assert.ThrowsAsync<DomainException>(() => SeedAsync(app, new SeedOptions(100)));
        Assert.Equal("seed.members_exist", refused.Code);

        var result = await SeedAsync(app, new SeedOptions(100, Append: true));
        Assert.Equal(100, result.Members);
        Assert.Equal(1, result.Skipped);
        Assert.Equal(101, await app.WithDb(db => db.Members.CountAsync()));

        var admin = await app.AdminAsync();
        var found = await (await admin.GetAsync($"/api/admin/members?q={taken}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(registeredId.ToString(), Assert.Single(found["items"]!.AsArray())!.Str("id"));
        Assert.Equal("member", (await app.LoginAsync(SeedSequence.Phone(2), BulkSeeder.DefaultPassword))["account"]!.Str("kind"));
    }

    [Fact]
    public void The_seed_sequence_gives_distinct_valid_values()
    {
        const int count = 200_000;
        var phones = new HashSet<string>();
        var numbers = new HashSet<string>();
        var codes = new HashSet<string>();
        var emails = new HashSet<long>();
        for (var n = 0; n < count; n++)
        {
            var phone = SeedSequence.Phone(n);
            Assert.Equal(phone, ContactNormalizer.NormalizePhone(phone));
            phones.Add(phone);
            numbers.Add(SeedSequence.MemberNo(n));
            codes.Add(SeedSequence.ReferralCode(n));
            emails.Add(SeedSequence.EmailNumber(n));
        }
        Assert.Equal(count, phones.Count);
        Assert.Equal(count, numbers.Count);
        Assert.Equal(count, codes.Count);
        Assert.Equal(count, emails.Count);
        Assert.All(numbers, no => Assert.Matches("^[1-9][0-9]{9}$", no));
        Assert.All(codes, code => Assert.All(code, c => Assert.Contains(c, Registration.ReferralAlphabet)));
    }
}
