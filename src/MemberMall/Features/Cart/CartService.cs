using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Catalog;
using MemberMall.Features.Pricing;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Cart;

public sealed record CartAdd([property: Required] Guid ProductId, [property: Range(1, Product.MaxQuantityPerLine)] int Quantity = 1);

public sealed record CartPatch([property: Range(1, Product.MaxQuantityPerLine)] int? Quantity, bool? Selected);

public sealed record CartLineView(Guid ProductId, string Name, string? ImageUrl, decimal UnitPrice, int Quantity, bool Selected, bool Available, int Stock, decimal LineTotal);

public sealed record CartView(IReadOnlyList<CartLineView> Items, int SelectedCount, QuoteView? Totals);

/// <summary>The member's cart with live totals for the selected lines, from the same calculator as the order.</summary>
public sealed class CartService(MallDb db, PriceCalculator prices, TimeProvider clock)
{
    public const int MaxLines = 100;

    public async Task<CartView> GetAsync(Guid memberId, CancellationToken ct)
    {
        var rows = await (from c in db.CartItems.AsNoTracking()
                          join p in db.Products.AsNoTracking() on c.ProductId equals p.Id
                          where c.MemberId == memberId
                          orderby c.AddedAt
                          select new { c.ProductId, p.Name, p.Images, p.CategoryId, p.PriceFen, c.Quantity, c.Selected, p.Status, p.Stock }).ToListAsync(ct);
        var lines = rows.Select(r => new CartLineView(r.ProductId, r.Name, r.Images.FirstOrDefault(), Money.ToYuan(r.PriceFen), r.Quantity, r.Selected,
            r.Status == ProductStatus.Listed && r.Stock >= r.Quantity, r.Stock, Money.ToYuan(r.PriceFen * r.Quantity))).ToList();
        var selected = rows.Where(r => r.Selected && r.Status == ProductStatus.Listed).Select(r => new PriceRequestLine(r.ProductId, r.Quantity)).ToList();
        var known = rows.ToDictionary(r => r.ProductId, r => new PricedProduct(r.ProductId, r.Name, r.Images, r.CategoryId, r.PriceFen, r.Status));
        var totals = selected.Count == 0 ? null : QuoteView.From(await prices.QuoteAsync(memberId, selected, null, 0, known, ct));
        return new CartView(lines, selected.Count, totals);
    }

    public async Task<CartView> AddAsync(Guid memberId, CartAdd add, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().Where(p => p.Id == add.ProductId).Select(p => new { p.Status }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("product.not_found", "Product not found.");
        if (product.Status != ProductStatus.Listed) throw new DomainException("product.unavailable", "This product is not on sale.");
        // The whole cart in one read: it answers both "already in it?" and "is it full?".
        var items = await db.CartItems.Where(c => c.MemberId == memberId).ToListAsync(ct);
        var item = items.SingleOrDefault(c => c.ProductId == add.ProductId);
        if (item is null)
        {
            if (items.Count >= MaxLines)
                throw new DomainException("cart.full", $"A cart holds at most {MaxLines} products.");
            item = new CartItem { MemberId = memberId, ProductId = add.ProductId, AddedAt = clock.GetUtcNow() };
            db.CartItems.Add(item);
        }
        item.SetQuantity(Math.Min(item.Quantity + add.Quantity, Product.MaxQuantityPerLine));
        item.Selected = true;
        await db.SaveChangesAsync(ct);
        return await GetAsync(memberId, ct);
    }

    public async Task<CartView> UpdateAsync(Guid memberId, Guid productId, CartPatch patch, CancellationToken ct)
    {
        var item = await db.CartItems.SingleOrDefaultAsync(c => c.MemberId == memberId && c.ProductId == productId, ct)
            ?? throw new NotFoundException("cart.item_not_found", "This product is not in the cart.");
        if (patch.Quantity is { } q) item.SetQuantity(q);
        if (patch.Selected is { } s) item.Selected = s;
        await db.SaveChangesAsync(ct);
        return await GetAsync(memberId, ct);
    }

    public async Task<CartView> RemoveAsync(Guid memberId, Guid productId, CancellationToken ct)
    {
        await db.CartItems.Where(c => c.MemberId == memberId && c.ProductId == productId).ExecuteDeleteAsync(ct);
        return await GetAsync(memberId, ct);
    }

    /// <summary>How many products are in the cart: the number on the cart badge.</summary>
    public Task<int> CountAsync(Guid memberId, CancellationToken ct) => db.CartItems.CountAsync(c => c.MemberId == memberId, ct);

    /// <summary>The selected rows themselves, tracked, for an order that will delete them when it is saved.</summary>
    public Task<List<CartItem>> SelectedItemsAsync(Guid memberId, CancellationToken ct) =>
        db.CartItems.Where(c => c.MemberId == memberId && c.Selected).ToListAsync(ct);

    public async Task<List<PriceRequestLine>> SelectedLinesAsync(Guid memberId, CancellationToken ct) =>
        await db.CartItems.AsNoTracking().Where(c => c.MemberId == memberId && c.Selected)
            .Select(c => new PriceRequestLine(c.ProductId, c.Quantity)).ToListAsync(ct);
}

public class CartItemConfig : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> b)
    {
        b.HasKey(c => new { c.MemberId, c.ProductId });
        b.HasOne<Members.Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Product>().WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
