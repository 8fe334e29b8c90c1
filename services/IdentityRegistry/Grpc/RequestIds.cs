using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Grpc;

internal static class RequestIds
{
    /// <summary>An empty requestId means "not idempotent"; anything else must be a UUID.</summary>
    public static Guid? Parse(string value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Guid.TryParse(value, out var id) ? id
        : throw new ValidationFailedException("requestId", "requestId doit être un UUID (ex. 3f2b8c1e-0d4a-4c55-9a57-2f1e6f0b7c11).");
}

internal static class Etags
{
    public static string Of(long version) => $"W/\"{version}\"";
}

/// <summary>Dates of the API ("2027-01-31") in filters.</summary>
internal static class ExpiryDates
{
    public static DateOnly? Parse(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day
        : throw new ValidationFailedException(field, $"{field} doit être une date AAAA-MM-JJ (ex. 2027-01-31).");
}
