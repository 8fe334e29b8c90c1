namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// One row of the uploaded sheet; <see cref="Line"/> is the row number a spreadsheet shows (the headers are row 1).
/// A cell longer than <see cref="ImportLimits.MaxCellChars"/> holds its beginning only, and its position is in
/// <see cref="Overlong"/>: the row is refused for it.
/// </summary>
internal sealed record SheetRow(int Line, IReadOnlyList<string?> Cells, IReadOnlySet<int>? Overlong = null)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}
