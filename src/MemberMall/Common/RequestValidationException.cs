namespace MemberMall.Common;

/// <summary>Bad input shape found past model binding: answered as 400 with field errors.</summary>
public sealed class RequestValidationException(string code, IDictionary<string, string[]> errors)
    : DomainException(code, "One or more fields are invalid.", 400)
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public RequestValidationException(string code, string field, string message)
        : this(code, new Dictionary<string, string[]> { [field] = [message] }) { }
}
