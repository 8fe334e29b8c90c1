using System.Text;
using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Medimail.ServiceDefaults.Errors;

/// <summary>
/// Whether a JSON body has the kinds the proto3 JSON mapping expects for each field (a boolean for a bool, a list for a
/// repeated field, an enum's name, …), and where it stops: the first faulty field's JSON path, as field violations
/// name them (<c>account.connectionAccounts[1]</c>). Unknown fields are left to transcoding.
/// </summary>
public static class ProtoJsonShape
{
    public sealed record Violation(string Field, string Description);

    public static Violation? Check(JsonElement root, MessageDescriptor message, string prefix)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return new Violation(prefix.Length > 0 ? prefix : "body", "Le corps de la requête doit être un objet JSON ({ … }).");
        return CheckMessage(root, message, prefix);
    }

    private static Violation? CheckMessage(JsonElement value, MessageDescriptor message, string path)
    {
        foreach (var property in value.EnumerateObject())
        {
            var field = message.FindFieldByName(property.Name)
                ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == property.Name);
            if (field is null)
                continue;
            var fieldPath = Join(path, field.JsonName);
            if (property.Value.ValueKind == JsonValueKind.Null)
                continue;
            if (field.IsMap)
            {
                if (property.Value.ValueKind != JsonValueKind.Object)
                    return Wrong(fieldPath, "un objet");
                var valueField = field.MessageType.FindFieldByNumber(2);
                foreach (var entry in property.Value.EnumerateObject())
                    if (CheckValue(entry.Value, valueField, $"{fieldPath}.{entry.Name}") is { } violation)
                        return violation;
            }
            else if (field.IsRepeated)
            {
                if (property.Value.ValueKind != JsonValueKind.Array)
                    return Wrong(fieldPath, "une liste ([ … ])");
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                    if (CheckValue(item, field, $"{fieldPath}[{index++}]") is { } violation)
                        return violation;
            }
            else if (CheckValue(property.Value, field, fieldPath) is { } violation)
            {
                return violation;
            }
        }
        return null;
    }

    private static Violation? CheckValue(JsonElement value, FieldDescriptor field, string path)
    {
        var kind = value.ValueKind;
        return field.FieldType switch
        {
            FieldType.Bool => kind is JsonValueKind.True or JsonValueKind.False ? null : Wrong(path, "un booléen (true ou false)"),
            FieldType.String or FieldType.Bytes => kind == JsonValueKind.String ? null : Wrong(path, "un texte (entre guillemets)"),
            FieldType.Double or FieldType.Float => kind == JsonValueKind.Number || (kind == JsonValueKind.String && IsNumberText(value.GetString()!))
                ? null : Wrong(path, "un nombre"),
            FieldType.Enum => CheckEnum(value, field.EnumType, path),
            FieldType.Message or FieldType.Group => CheckNested(value, field.MessageType, path),
            _ => IsInteger(value) ? null : Wrong(path, "un nombre entier"),
        };
    }

    private static Violation? CheckEnum(JsonElement value, EnumDescriptor type, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _))
            return null;
        if (value.ValueKind == JsonValueKind.String && type.FindValueByName(value.GetString()!) is not null)
            return null;
        var names = type.Values.Select(v => v.Name).Where(n => !n.EndsWith("_UNSPECIFIED", StringComparison.Ordinal)).Take(12);
        return new Violation(path, $"Le champ {path} attend une de ces valeurs : {string.Join(", ", names)}.");
    }

    /// <summary>Well-known types have their own JSON forms (RFC 3339 text for a Timestamp, a bare value for a wrapper).</summary>
    private static Violation? CheckNested(JsonElement value, MessageDescriptor message, string path) => message.FullName switch
    {
        "google.protobuf.Timestamp" or "google.protobuf.Duration" or "google.protobuf.FieldMask" =>
            value.ValueKind == JsonValueKind.String ? null : Wrong(path, "un texte (entre guillemets)"),
        "google.protobuf.Value" => null,
        "google.protobuf.ListValue" => value.ValueKind == JsonValueKind.Array ? null : Wrong(path, "une liste ([ … ])"),
        "google.protobuf.Struct" or "google.protobuf.Any" => value.ValueKind == JsonValueKind.Object ? null : Wrong(path, "un objet ({ … })"),
        _ when message.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal) && message.FullName.EndsWith("Value", StringComparison.Ordinal) =>
            CheckValue(value, message.FindFieldByNumber(1), path),
        _ => value.ValueKind == JsonValueKind.Object ? CheckMessage(value, message, path) : Wrong(path, "un objet ({ … })"),
    };

    private static bool IsInteger(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out _) || value.TryGetUInt64(out _),
        JsonValueKind.String => long.TryParse(value.GetString(), out _) || ulong.TryParse(value.GetString(), out _),
        _ => false,
    };

    private static bool IsNumberText(string text) =>
        text is "NaN" or "Infinity" or "-Infinity" || double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static Violation Wrong(string path, string expected) =>
        new(path, $"Le champ {path} attend {expected}.");

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The JSON path (body-relative, with the body field's prefix) at which a malformed body stops parsing.</summary>
    public static string PathOfSyntaxError(byte[] body, string prefix)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        // One entry per open container: the property name (objects) or the next index (arrays).
        var stack = new List<(bool IsArray, string Name, int Index)>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        stack.Add((reader.TokenType == JsonTokenType.StartArray, Segment(stack, pending), 0));
                        pending = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        Advance(stack);
                        break;
                    default:
                        pending = null;
                        Advance(stack);
                        break;
                }
            }
        }
        catch (JsonException)
        {
        }
        var path = new StringBuilder(prefix);
        foreach (var (_, name, _) in stack.Skip(1))
            Append(path, name);
        if (stack.Count > 0)
            Append(path, Segment(stack, pending));
        return path.Length > 0 ? path.ToString() : "body";
    }

    private static string Segment(List<(bool IsArray, string Name, int Index)> stack, string? property) =>
        stack.Count == 0 ? "" : stack[^1].IsArray ? $"[{stack[^1].Index}]" : property ?? "";

    private static void Advance(List<(bool IsArray, string Name, int Index)> stack)
    {
        if (stack.Count > 0 && stack[^1].IsArray)
            stack[^1] = stack[^1] with { Index = stack[^1].Index + 1 };
    }

    private static void Append(StringBuilder path, string segment)
    {
        if (segment.Length == 0) return;
        if (path.Length > 0 && segment[0] != '[') path.Append('.');
        path.Append(segment);
    }
}
