namespace MemberMall.Common;

/// <summary>A broken business rule. <paramref name="Code"/> is stable and dotted; clients branch on it.</summary>
public class DomainException(string code, string message, int status = 422) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}

public sealed class NotFoundException(string code, string message) : DomainException(code, message, 404);

public sealed class ConflictException(string code, string message) : DomainException(code, message, 409);
