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

/// <summary>What a checkout from the cart works on: the selected rows, their products and the chosen address.</summary>
public sealed record SelectedCart(List<CartItem> Items, Dictionary<Guid, PricedProduct> Products, Members.Address? Address);

/// <summary>The member's cart with live totals for the selected lines, from the same calculator as the order.</summary>
public sealed class CartService(MallDb db, PriceCalculator prices, TimeProvider clock)
{
    public const int MaxLines = 100;

    public async Task<CartView> GetAsync(Guid memberId, CancellationToken ct) => await ViewAsync(memberId, await RowsAsync(memberId, ct), ct);

    /// <summary>
    /// Adds to the cart. The cart with its products and the product being added are read once, before the change:
    /// that read answers "is there such a product?", "already in the cart?" and "is it full?", and with the change
    /// applied it is the answer. The line is written only as it was read (a new line must still be new, a line's
    /// quantity still the one read), so two adds at once both count: the one that finds the line changed reads again.
    /// </summary>
    public async Task<CartView> AddAsync(Guid memberId, CartAdd add, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await AddOnceAsync(memberId, add, ct) is { } view) return view;
            }
            catch (DbUpdateException e) when (e.UniqueViolation() is not null)
            {
                db.ChangeTracker.Clear();
            }
            if (attempt == MaxAddAttempts) throw new ConflictException("concurrency.stale", "The cart was changed by someone else; reload and try again.");
        }
    }

    private const int MaxAddAttempts = 10;

    /// <summary>The cart line or product being added, refused when there is no such product or it is not on sale.</summary>
    private static CartRow OnSale(CartRow? row)
    {
        if (row is null) throw new NotFoundException("product.not_found", "Product not found.");
        if (row.Status != ProductStatus.Listed) throw new DomainException("product.unavailable", "This product is not on sale.");
        return row;
    }

    private static DomainException CartFull() => new("cart.full", $"A cart holds at most {MaxLines} products.");

    /// <summary>The cart's rows in the order they were added, and the product <paramref name="productId"/> as a row not in the cart.</summary>
    private async Task<(List<CartRow> Rows, CartRow? Product)> ReadWithAsync(Guid memberId, Guid productId, CancellationToken ct)
    {
        var rows = new List<CartRow>();
        CartRow? product = null;
        await foreach (var r in RowsWith(db, memberId, productId).WithCancellation(ct))
            if (r.InCart) rows.Add(r);
            else product = r;
        rows.Sort((a, b) => a.AddedAt.CompareTo(b.AddedAt));
        return (rows, product);
    }

    /// <summary>The add against the cart as read; null when the line changed in between.</summary>
    private async Task<CartView?> AddOnceAsync(Guid memberId, CartAdd add, CancellationToken ct)
    {
        var (rows, product) = await ReadWithAsync(memberId, add.ProductId, ct);
        var index = rows.FindIndex(r => r.ProductId == add.ProductId);
        var row = OnSale(index >= 0 ? rows[index] : product);
        if (index < 0 && rows.Count >= MaxLines) throw CartFull();

        var item = new CartItem { MemberId = memberId, ProductId = add.ProductId, AddedAt = index >= 0 ? row.AddedAt : clock.GetUtcNow() };
        item.SetQuantity(Math.Min(row.Quantity + add.Quantity, Product.MaxQuantityPerLine));
        item.Selected = true;
        if (index >= 0)
        {
            var (read, quantity) = (row.Quantity, item.Quantity);
            var written = await db.CartItems.Where(c => c.MemberId == memberId && c.ProductId == add.ProductId && c.Quantity == read)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Quantity, quantity).SetProperty(c => c.Selected, true), ct);
            if (written == 0) return null;
        }
        else
        {
            db.CartItems.Add(item);
            await db.SaveChangesAsync(ct);
        }

        row = row with { Quantity = item.Quantity, Selected = true, AddedAt = item.AddedAt };
        if (index >= 0) rows[index] = row; else rows.Add(row);
        return await ViewAsync(memberId, rows, ct);
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

    /// <summary>
    /// The selected rows, tracked (an order deletes them in its own save), with their products as the price
    /// calculator takes them and the shipping address chosen for them: one read for all three. The address is null
    /// when it is not one of the member's own.
    /// </summary>
    public async Task<SelectedCart> SelectedAsync(Guid memberId, Guid addressId, CancellationToken ct)
    {
        var rows = new List<SelectedRow>();
        await foreach (var row in Selected(db, memberId, addressId).WithCancellation(ct)) rows.Add(row);
        return new SelectedCart(rows.Select(r => r.Item).ToList(), rows.ToDictionary(r => r.Product.Id, r => r.Product), rows.FirstOrDefault()?.Address);
    }

    private async Task<List<CartRow>> RowsAsync(Guid memberId, CancellationToken ct)
    {
        var rows = new List<CartRow>();
        await foreach (var row in Rows(db, memberId).WithCancellation(ct)) rows.Add(row);
        return rows;
    }

    // Every checkout reads the cart this way; compiled once instead of translated from the expression tree per call.
    private static readonly Func<MallDb, Guid, IAsyncEnumerable<CartRow>> Rows = EF.CompileAsyncQuery((MallDb db, Guid memberId) =>
        from c in db.CartItems.AsNoTracking()
        join p in db.Products.AsNoTracking() on c.ProductId equals p.Id
        where c.MemberId == memberId
        orderby c.AddedAt
        select new CartRow(c.ProductId, p.Name, p.Images, p.CategoryId, p.PriceFen, c.Quantity, c.Selected, p.Status, p.Stock, c.AddedAt, true));

    /// <summary>The cart's rows and, as a row not in the cart, the product <paramref name="productId"/> (UNION ALL of two index look-ups).</summary>
    private static readonly Func<MallDb, Guid, Guid, IAsyncEnumerable<CartRow>> RowsWith = EF.CompileAsyncQuery((MallDb db, Guid memberId, Guid productId) =>
        (from c in db.CartItems.AsNoTracking()
         join p in db.Products.AsNoTracking() on c.ProductId equals p.Id
         where c.MemberId == memberId
         select new { c.ProductId, p.Name, p.Images, p.CategoryId, p.PriceFen, c.Quantity, c.Selected, p.Status, p.Stock, c.AddedAt, InCart = true })
        .Concat(
            from p in db.Products.AsNoTracking()
            where p.Id == productId
            select new { ProductId = p.Id, p.Name, p.Images, p.CategoryId, p.PriceFen, Quantity = 0, Selected = true, p.Status, p.Stock, AddedAt = p.CreatedAt, InCart = false })
        .Select(r => new CartRow(r.ProductId, r.Name, r.Images, r.CategoryId, r.PriceFen, r.Quantity, r.Selected, r.Status, r.Stock, r.AddedAt, r.InCart)));

    private static readonly Func<MallDb, Guid, Guid, IAsyncEnumerable<SelectedRow>> Selected = EF.CompileAsyncQuery((MallDb db, Guid memberId, Guid addressId) =>
        from c in db.CartItems
        join p in db.Products on c.ProductId equals p.Id
        join a in db.Addresses.Where(a => a.Id == addressId) on c.MemberId equals a.MemberId into chosen
        from a in chosen.DefaultIfEmpty()
        where c.MemberId == memberId && c.Selected
        select new SelectedRow(c, new PricedProduct(p.Id, p.Name, p.Images, p.CategoryId, p.PriceFen, p.Status), a));

    private async Task<CartView> ViewAsync(Guid memberId, List<CartRow> rows, CancellationToken ct)
    {
        var lines = rows.Select(r => new CartLineView(r.ProductId, r.Name, r.Images.FirstOrDefault(), Money.ToYuan(r.PriceFen), r.Quantity, r.Selected,
            r.Status == ProductStatus.Listed && r.Stock >= r.Quantity, r.Stock, Money.ToYuan(r.PriceFen * r.Quantity))).ToList();
        var selected = rows.Where(r => r.Selected && r.Status == ProductStatus.Listed).Select(r => new PriceRequestLine(r.ProductId, r.Quantity)).ToList();
        var known = rows.ToDictionary(r => r.ProductId, r => new PricedProduct(r.ProductId, r.Name, r.Images, r.CategoryId, r.PriceFen, r.Status));
        var totals = selected.Count == 0 ? null : QuoteView.From(await prices.QuoteAsync(memberId, selected, null, 0, known, ct));
        return new CartView(lines, selected.Count, totals);
    }

    private sealed record SelectedRow(CartItem Item, PricedProduct Product, Members.Address? Address);

    private sealed record CartRow(Guid ProductId, string Name, List<string> Images, Guid? CategoryId, long PriceFen, int Quantity, bool Selected,
        ProductStatus Status, int Stock, DateTimeOffset AddedAt, bool InCart);
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
