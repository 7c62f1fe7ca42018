using System.Diagnostics;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Catalog;
using MemberMall.Features.Members;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Demo;

/// <summary>
/// A believable demo shop for the first start of the demo configuration: categories and products with
/// Chinese names, one staff user per role, a few hundred members with tags, addresses and notes, and half a
/// year of orders, payments, reviews and after-sales (<see cref="DemoHistory"/>).
/// Generated from a fixed seed, so every demo looks the same.
/// </summary>
public sealed class DemoData(MallDb db, PiiProtector pii, TimeProvider clock, IPasswordHasher<Account> hasher, DemoHistory history,
    PointsMall.PointsMallAdmin mall, ILogger<DemoData> logger)
{
    public const string DemoMemberPhone = "13800138000";

    public static readonly (string Role, string UserName, string Name)[] StaffUsers =
    [
        (Roles.Operations, "yunying", "运营-李娜"), (Roles.Service, "kefu", "客服-王芳"),
        (Roles.Finance, "caiwu", "财务-赵敏"), (Roles.Analyst, "fenxi", "分析师-周杰"),
    ];

    private static readonly (string Category, string[] Products)[] Catalog =
    [
        ("数码电器", ["无线蓝牙耳机", "降噪头戴式耳机", "智能手环", "便携充电宝 20000mAh", "机械键盘", "4K 高清显示器"]),
        ("美妆个护", ["玻尿酸补水面膜", "氨基酸洗面奶", "防晒霜 SPF50", "电动牙刷", "香氛沐浴露"]),
        ("食品生鲜", ["云南普洱茶饼", "东北五常大米 5kg", "坚果礼盒", "新疆阿克苏苹果", "有机纯牛奶 12 盒"]),
        ("母婴用品", ["婴儿纸尿裤 L 码", "儿童保温杯", "宝宝辅食米粉", "婴儿湿巾 80 抽"]),
        ("家居生活", ["纯棉四件套", "乳胶枕", "不锈钢保温壶", "香薰加湿器", "收纳整理箱"]),
        ("服饰鞋包", ["男士休闲夹克", "女士羊绒围巾", "跑步运动鞋", "真皮双肩包"]),
    ];

    // Points mall: three catalog products and one standalone gift, each with its own stock and per-member limit.
    private static readonly (string? Product, string Name, long Points, int Stock, int Limit)[] MallItems =
    [
        ("智能手环", "智能手环（积分兑换）", 2000, 30, 1), ("儿童保温杯", "儿童保温杯", 800, 50, 2),
        ("玻尿酸补水面膜", "玻尿酸补水面膜", 300, 200, 5), (null, "会员专属帆布袋", 500, 100, 1),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "慧", "建国", "子涵", "浩然", "欣怡", "梓萱", "宇轩"];
    internal static readonly string[] TagNames = ["VIP", "新客", "高潜力", "沉睡客户", "母婴人群", "数码爱好者", "价格敏感", "企业采购"];
    internal static readonly string[] Interests = ["数码", "美妆", "美食", "旅行", "健身", "母婴", "家居", "阅读", "摄影", "户外"];
    private static readonly (string Province, string City, string District)[] Places =
    [
        ("上海市", "上海市", "浦东新区"), ("北京市", "北京市", "朝阳区"), ("广东省", "深圳市", "南山区"), ("浙江省", "杭州市", "西湖区"),
        ("四川省", "成都市", "武侯区"), ("江苏省", "南京市", "鼓楼区"), ("湖北省", "武汉市", "洪山区"), ("广东省", "广州市", "天河区"),
    ];

    public async Task<bool> SeedAsync(string password, int memberCount, CancellationToken ct)
    {
        if (await db.Members.AnyAsync(ct) || await db.Products.AnyAsync(ct)) return false;
        var now = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var random = new Random(20261122);
        var passwordHash = hasher.HashPassword(new Account(), password);

        if (!await db.ShopSettings.AnyAsync(ct)) db.ShopSettings.Add(new ShopSettings());
        if (!await db.Tiers.AnyAsync(ct)) db.Tiers.AddRange(Tiers.DefaultTiers.Create());
        foreach (var (role, userName, name) in StaffUsers)
            if (!await db.Users.AnyAsync(a => a.UserName == userName, ct))
                db.Users.Add(NewAccount(AccountKind.Staff, userName, name, role, passwordHash, now));

        // The catalogue opened before the first demo order.
        var opened = now.AddDays(-200);
        var sort = 0;
        var openingStock = new List<(Guid ProductId, int Quantity)>();
        foreach (var (categoryName, products) in Catalog)
        {
            var category = new Category(categoryName, null, sort++);
            db.Categories.Add(category);
            foreach (var productName in products)
            {
                var product = new Product(productName, random.Next(19, 1999) * 100 + (random.Next(2) == 0 ? 0 : 90), opened);
                product.Describe(productName, $"{productName}，品质保证，七天无理由退换。", category.Id, [], [], categoryName, opened);
                product.SetThresholds(10, 1000);
                product.List(opened);
                db.Products.Add(product);
                openingStock.Add((product.Id, random.Next(20, 500)));
            }
        }

        var tags = TagNames.Select(t => new Tag { Name = t, CreatedAt = now }).ToList();
        db.Tags.AddRange(tags);
        var phones = new HashSet<string> { DemoMemberPhone };
        var demoMemberId = Guid.Empty;
        for (var i = 0; i < memberCount; i++)
        {
            var phone = i == 0 ? DemoMemberPhone : NewPhone(random, phones);
            var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
            var registeredAt = now.AddDays(-random.Next(1, 720)).AddMinutes(-random.Next(0, 1440));
            var memberNo = Registration.NewMemberNo(random);
            var account = NewAccount(AccountKind.Member, Account.MemberUserName(memberNo), name, null, passwordHash, registeredAt);
            db.Users.Add(account);
            var email = random.Next(3) == 0 ? $"user{i:D4}@example.com" : null;
            var member = new Member { Id = account.Id, MemberNo = memberNo, ReferralCode = Registration.NewReferralCode(random), RegisteredAt = registeredAt };
            if (i == 0) demoMemberId = member.Id;
            member.SetContact(pii.Encrypt(phone), pii.Hash(phone), email is null ? null : pii.Encrypt(email), email is null ? null : pii.Hash(email));
            var birthday = random.Next(4) == 0 ? (DateOnly?)null : new DateOnly(random.Next(1965, 2005), random.Next(1, 13), random.Next(1, 29));
            member.UpdateProfile(name, (Gender)random.Next(3), birthday, null,
                Interests.OrderBy(_ => random.Next()).Take(random.Next(0, 4)), DateOnly.FromDateTime(now.UtcDateTime));
            db.Members.Add(member);
            foreach (var tag in tags.Where(_ => random.Next(6) == 0))
                db.MemberTags.Add(new MemberTag { MemberId = member.Id, TagId = tag.Id, CreatedAt = registeredAt });
            // The demo member, whose phone the start banner prints, always has an address and so a history of orders.
            if (random.Next(2) == 0 || i == 0)
            {
                var place = Places[random.Next(Places.Length)];
                db.Addresses.Add(new Address
                {
                    MemberId = member.Id, RecipientName = name, PhoneCipher = pii.Encrypt(phone), Province = place.Province, City = place.City,
                    District = place.District, DetailCipher = pii.Encrypt($"{random.Next(1, 999)}号 {random.Next(1, 30)}栋 {random.Next(101, 2801)}室"),
                    IsDefault = true, CreatedAt = registeredAt,
                });
            }
        }
        await using var tx = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var orders = await history.SeedAsync(openingStock, demoMemberId, random, now, ct);
        await tx.CommitAsync(ct);
        await history.AfterSalesAsync(orders, ct);
        await SeedPointsMallAsync(ct);
        logger.LogInformation("Demo data created in {Elapsed} ms: {Members} members, {Products} products, {Orders} orders",
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, memberCount, Catalog.Sum(c => c.Products.Length), orders.Count);
        return true;
    }

    private async Task SeedPointsMallAsync(CancellationToken ct)
    {
        foreach (var (productName, name, points, stock, limit) in MallItems)
        {
            Guid? productId = productName is null ? null : await db.Products.Where(p => p.Name == productName).Select(p => p.Id).FirstAsync(ct);
            await mall.CreateAsync(new PointsMall.MallItemInput(productId, name, points, stock, limit, Description: $"{name}，积分专享。"), Actor.System, ct);
        }
    }

    private static Account NewAccount(AccountKind kind, string userName, string name, string? role, string passwordHash, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), Kind = kind, UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = name,
        StaffRole = role, PasswordHash = passwordHash, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true, CreatedAt = at,
    };

    private static string NewPhone(Random random, HashSet<string> used)
    {
        string[] prefixes = ["138", "139", "135", "136", "150", "151", "158", "186", "187", "188", "177", "199"];
        while (true)
        {
            var phone = prefixes[random.Next(prefixes.Length)] + random.Next(0, 100_000_000).ToString("D8");
            if (used.Add(phone)) return phone;
        }
    }
}
