using Microsoft.EntityFrameworkCore;

namespace MemberMall.Common;

/// <summary>
/// A page of a list. <see cref="Total"/> is exact up to <see cref="TotalCap"/>; past that
/// <see cref="TotalIsCapped"/> is true, so a list over a million rows never counts them all.
/// <see cref="NextCursor"/> continues past the last offset page by keyset.
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total, bool TotalIsCapped, string? NextCursor)
{
    public const int TotalCap = Paging.TotalCap;

    /// <summary>A page of a list whose rows were counted up to one past the cap (<see cref="Paging.CountUpToCapAsync{TRow}"/>).</summary>
    public static PagedList<T> Of(IReadOnlyList<T> items, int page, int pageSize, long counted, string? nextCursor = null) =>
        new(items, page, pageSize, Math.Min(counted, TotalCap), counted > TotalCap, nextCursor);
}

public static class Paging
{
    public const int TotalCap = 10_000;
    public const int MaxPageSize = 200;
    public const int MaxOffset = 10_000;

    public static (int Page, int PageSize) Normalize(int? page, int? pageSize)
    {
        var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
        var p = Math.Max(page ?? 1, 1);
        if ((long)(p - 1) * size > MaxOffset)
            throw new DomainException("paging.too_deep",
                $"Offset paging stops at {MaxOffset} rows; continue with the 'cursor' from the previous page.", 400);
        return (p, size);
    }

    /// <summary>Counts the rows of <paramref name="rows"/> up to one past the cap: enough to tell an exact total from a capped one.</summary>
    public static Task<int> CountUpToCapAsync<TRow>(IQueryable<TRow> rows, CancellationToken ct) => rows.Take(TotalCap + 1).CountAsync(ct);
}
