namespace Medimail.IdentityRegistry.Exports;

/// <summary>
/// Formula injection (OWASP "CSV Injection"): a cell starting with = + - @, a tab or a CR is run as a formula by a
/// spreadsheet (=WEBSERVICE(...) sends data away). The exports write such a value behind an apostrophe, which the
/// spreadsheet shows as text; the import takes the apostrophe off again, so an exported file imports back unchanged.
/// </summary>
internal static class SpreadsheetText
{
    private const char Guard = '\'';

    public static string? Neutralize(string? value) =>
        value is { Length: > 0 } && IsFormulaStart(value[0]) ? Guard + value : value;

    public static string? Unguard(string? value) =>
        value is { Length: > 1 } && value[0] == Guard && IsFormulaStart(value[1]) ? value[1..] : value;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
