using Medimail.IdentityRegistry.Domain.Validation;

namespace Medimail.IdentityRegistry.UnitTests.Support;

internal static class Expect
{
    public static FieldViolation ErrorOn(ValidationResult result, string field)
    {
        var error = result.Errors.FirstOrDefault(e => e.Field == field);
        Assert.True(error is not null, $"Expected an error on '{field}'.{Describe(result)}");
        Assert.False(string.IsNullOrWhiteSpace(error!.Message));
        return error;
    }

    public static FieldViolation WarningOn(ValidationResult result, string field)
    {
        Assert.DoesNotContain(result.Errors, e => e.Field == field);
        var warning = result.Warnings.FirstOrDefault(w => w.Field == field);
        Assert.True(warning is not null, $"Expected a warning on '{field}'.{Describe(result)}");
        return warning!;
    }

    public static void NoErrorOn(ValidationResult result, string field) =>
        Assert.True(result.Errors.All(e => e.Field != field), $"Expected no error on '{field}'.{Describe(result)}");

    public static void Valid(ValidationResult result) =>
        Assert.True(result.IsValid, $"Expected no error.{Describe(result)}");

    private static string Describe(ValidationResult result) =>
        "\nErrors:\n" + string.Join("\n", result.Errors.Select(e => $"  {e.Field}: {e.Message}"))
        + "\nWarnings:\n" + string.Join("\n", result.Warnings.Select(w => $"  {w.Field}: {w.Message}"));
}
