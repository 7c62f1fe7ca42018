using MemberMall.Common;

namespace MemberMall.Features.Catalog;

/// <summary>A node of the category tree.</summary>
public class Category
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? ParentId { get; private set; }
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }

    public Category(string name, Guid? parentId, int sortOrder)
    {
        Rename(name);
        (ParentId, SortOrder) = (parentId, sortOrder);
    }

    private Category() { }

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("category.name_required", "A category needs a name.");
        Name = name.Trim();
    }

    public void Move(Guid? parentId, int sortOrder, IReadOnlyDictionary<Guid, Guid?> parents)
    {
        // Walk up from the new parent: meeting this category again would make a loop.
        for (var p = parentId; p is not null; p = parents.GetValueOrDefault(p.Value))
            if (p == Id) throw new DomainException("category.cycle", "A category cannot be moved under itself.");
        (ParentId, SortOrder) = (parentId, sortOrder);
    }
}
