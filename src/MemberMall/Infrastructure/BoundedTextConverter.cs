using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemberMall.Infrastructure;

/// <summary>
/// Reads every JSON string of a request, inside lists and objects too, and refuses two things no field takes: a NUL
/// character (PostgreSQL cannot store it) and more than <see cref="MaxLength"/> characters (the longest field, a
/// product description, takes 4,000). Fields keep their own, tighter limits as validation attributes.
/// </summary>
public sealed class BoundedTextConverter : JsonConverter<string>
{
    public const int MaxLength = 10_000;

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName)) throw new JsonException("A text was expected.");
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        // The raw form of a string is at least as long as its characters; only long ones need counting.
        if (length > MaxLength && reader.GetString()!.Length > MaxLength) throw new RefusedTextException("text.too_long", $"A text is at most {MaxLength} characters.");
        var text = reader.GetString()!;
        if (text.Contains('\0', StringComparison.Ordinal)) throw new RefusedTextException("request.nul_character", "Text may not contain the NUL character.");
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // Dictionary keys are strings too (a problem's field errors, a setting's map).
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options)!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}

/// <summary>A JSON string refused by <see cref="BoundedTextConverter"/>; the error handler answers 400 with its code.</summary>
public sealed class RefusedTextException(string code, string message) : JsonException(message)
{
    public string Code { get; } = code;
}
