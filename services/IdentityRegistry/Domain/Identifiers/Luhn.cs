namespace Medimail.IdentityRegistry.Domain.Identifiers;

/// <summary>The mod-10 check digit of RPPS, SIREN and SIRET numbers.</summary>
public static class Luhn
{
    public static bool IsValid(string digits)
    {
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                    digit -= 9;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
