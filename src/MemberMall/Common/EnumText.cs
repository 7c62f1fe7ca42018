using System.Text.Json;

namespace MemberMall.Common;

public static class EnumText
{
    /// <summary>The API's spelling of an enum value: <c>PendingPayment</c> → <c>pending_payment</c>.</summary>
    public static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParseSnake<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text?.Replace("_", ""), ignoreCase: true, out value) && Enum.IsDefined(value);
}
