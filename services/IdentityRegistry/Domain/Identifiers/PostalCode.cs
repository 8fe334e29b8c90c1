namespace Medimail.IdentityRegistry.Domain.Identifiers;

public static class PostalCode
{
    public static IdentifierCheck Check(string value, string subject = "Le code postal (CP)") =>
        DigitString.Exactly(value, 5, subject);

    /// <summary>
    /// The postcode starts with the department number: 20 for Corsica (2A, 2B), the three digits
    /// for overseas departments (971 to 976).
    /// </summary>
    public static bool MatchesDepartment(string postalCode, string departmentCode)
    {
        if (departmentCode is "2A" or "2B")
            return postalCode.StartsWith("20", StringComparison.Ordinal);
        return postalCode.StartsWith(departmentCode, StringComparison.Ordinal);
    }
}
