namespace Medimail.IdentityRegistry.Imports;

/// <summary>One row of the uploaded sheet; <see cref="Line"/> is the row number a spreadsheet shows (the headers are row 1).</summary>
internal sealed record SheetRow(int Line, IReadOnlyList<string?> Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}
