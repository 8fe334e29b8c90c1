namespace Medimail.ServiceDefaults.Exports;

/// <summary>
/// Formula injection (OWASP "CSV Injection"): a cell starting with = + - @, a tab or a CR is run as a formula by a
/// spreadsheet (=WEBSERVICE(...) sends data away). Every export of the platform (Identity-Registry's accounts in CSV
/// and XLSX, the Directory's MSSanté file) writes such a value behind an apostrophe, which the spreadsheet shows as
/// text; Identity-Registry's import takes the apostrophe off again, so an exported file imports back unchanged.
/// </summary>
public static class SpreadsheetText
{
    private const char Guard = '\'';

    public static string? Neutralize(string? value) =>
        value is { Length: > 0 } && IsFormulaStart(value[0]) ? Guard + value : value;

    public static string? Unguard(string? value) =>
        value is { Length: > 1 } && value[0] == Guard && IsFormulaStart(value[1]) ? value[1..] : value;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
