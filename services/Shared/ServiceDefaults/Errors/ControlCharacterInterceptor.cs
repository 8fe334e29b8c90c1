using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Medimail.ServiceDefaults.Errors;

/// <summary>
/// The one place text input is refused for control characters, before any handler: a NUL byte reaches PostgreSQL
/// as an error (500), a CR/LF in a single-line field forges log lines and mail headers. Every string field of the
/// request, at any depth (nested messages, repeated fields, maps), is checked; line breaks and tabs stay allowed
/// because message bodies and descriptions hold them, and the fields that render on one line have their own rules.
/// </summary>
public sealed class ControlCharacterInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(request);
        return continuation(request, responseStream, context);
    }

    public static void Check(object? request)
    {
        if (request is not IMessage message)
            return;
        var violations = new List<FieldViolation>();
        Walk(message, "", violations);
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);
    }

    /// <summary>C0 controls other than tab, CR and LF, DEL, and the C1 range: no text the platform stores holds them.</summary>
    public static bool IsForbidden(char c) => c is < '\u0020' and not ('\t' or '\n' or '\r') or >= '\u007F' and <= '\u009F';

    private static void Walk(IMessage message, string prefix, List<FieldViolation> violations)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType is not (FieldType.String or FieldType.Message))
                continue;
            var path = prefix + field.JsonName;
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                foreach (var entry in (System.Collections.IDictionary)value)
                {
                    var key = entry is System.Collections.DictionaryEntry d ? d.Key : null;
                    var itemValue = entry is System.Collections.DictionaryEntry e ? e.Value : null;
                    CheckValue(key, $"{path}[{key}]", violations);
                    CheckValue(itemValue, $"{path}[{key}]", violations);
                }
            }
            else if (field.IsRepeated)
            {
                var i = 0;
                foreach (var item in (System.Collections.IEnumerable)value)
                    CheckValue(item, $"{path}[{i++}]", violations);
            }
            else if (field.FieldType == FieldType.String || field.Accessor.HasValue(message))
                CheckValue(value, path, violations);
        }
    }

    private static void CheckValue(object? value, string path, List<FieldViolation> violations)
    {
        switch (value)
        {
            case string text when text.Any(IsForbidden):
                violations.Add(new FieldViolation(path, "Ce texte contient un caractère de contrôle (par exemple un octet nul) : retirez-le."));
                break;
            case IMessage nested when nested.Descriptor.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal) is false:
                Walk(nested, path + ".", violations);
                break;
            case IMessage wrapper:
                // StringValue and friends: their text is in "value".
                if (wrapper.Descriptor.FindFieldByName("value") is { FieldType: FieldType.String } inner)
                    CheckValue(inner.Accessor.GetValue(wrapper), path, violations);
                break;
        }
    }
}
