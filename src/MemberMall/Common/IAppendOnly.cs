namespace MemberMall.Common;

/// <summary>Marks a ledger-like entity: rows are added, never updated or deleted (the DbContext refuses).</summary>
public interface IAppendOnly;
