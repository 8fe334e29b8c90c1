using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Imports;

internal enum SheetFormat { Csv, Xlsx }

/// <summary>An uploaded loadusers file: its format (from its content, never its name), its columns, its rows.</summary>
internal sealed class LoadusersFile
{
    private readonly byte[] _content;

    private LoadusersFile(byte[] content, SheetFormat format, IReadOnlyList<LoadusersColumn?> columns, IReadOnlyList<RowIssue> warnings)
    {
        _content = content;
        Format = format;
        Columns = columns;
        HeaderWarnings = warnings;
    }

    public SheetFormat Format { get; }

    /// <summary>By position in the file; null for a column that is not a loadusers column (reported as a warning).</summary>
    public IReadOnlyList<LoadusersColumn?> Columns { get; }

    public IReadOnlyList<RowIssue> HeaderWarnings { get; }

    /// <summary>Checks what can be checked before any row: size, format, header. Errors name the "content" field.</summary>
    public static LoadusersFile Open(byte[] content)
    {
        if (content.Length == 0)
            throw new ValidationFailedException("content", "Le fichier est vide : déposez le fichier loadusers rempli (CSV ou XLSX).");
        if (content.Length > ImportLimits.MaxBytes)
            throw new ValidationFailedException("content",
                $"Le fichier fait {content.Length / (1024 * 1024)} Mo : un import accepte au plus {ImportLimits.MaxBytes / (1024 * 1024)} Mo. Découpez-le en plusieurs fichiers.");
        var format = Detect(content)
            ?? throw new ValidationFailedException("content",
                "Ce fichier n'est pas un tableur : déposez le fichier loadusers au format CSV (séparateur ; ou ,) ou XLSX (Excel).");

        SheetRow? header;
        try
        {
            header = ReadRows(content, format).FirstOrDefault(r => !r.IsBlank);
        }
        catch (InflatedTooMuchException)
        {
            throw TooInflated();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or System.Xml.XmlException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            throw new ValidationFailedException("content", "Le fichier XLSX est illisible : enregistrez-le à nouveau depuis votre tableur, ou au format CSV.");
        }
        if (header is null)
            throw new ValidationFailedException("content", "Le fichier ne contient aucune ligne : la première ligne doit porter les en-têtes du fichier loadusers.");

        var columns = new List<LoadusersColumn?>();
        var warnings = new List<RowIssue>();
        var seen = new HashSet<LoadusersColumn>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var title = header.Cells[i]?.Trim() ?? "";
            var column = title.Length == 0 ? null : LoadusersColumns.Find(title);
            if (column is not null && !seen.Add(column))
                throw new ValidationFailedException("content", $"La colonne « {title} » apparaît deux fois dans les en-têtes : gardez-en une seule.");
            if (column is null && title.Length > 0)
                warnings.Add(new RowIssue(header.Line, title, $"La colonne « {title} » n'est pas une colonne du fichier loadusers : elle est ignorée."));
            columns.Add(column);
        }
        if (!seen.Any(c => c.Header == LoadusersColumns.Email))
            throw new ValidationFailedException("content",
                "La première ligne ne contient pas les en-têtes du fichier loadusers (au moins « Adresse mail » et « Type BAL ») : reprenez le modèle de fichier.");
        return new LoadusersFile(content, format, columns, warnings);
    }

    /// <summary>The data rows (after the header), blank rows skipped, in file order.</summary>
    public IEnumerable<SheetRow> DataRows() => ReadRows(_content, Format).SkipWhile(r => r.IsBlank).Skip(1).Where(r => !r.IsBlank);

    /// <summary>XLSX is a zip (PK\3\4); text without NUL bytes is CSV; anything else is not a spreadsheet.</summary>
    internal static SheetFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("PK\u0003\u0004"u8))
            return SheetFormat.Xlsx;
        var (encoding, skip) = TextDecoding.Detect(content);
        if (encoding.CodePage is 1200 or 1201)
            return SheetFormat.Csv;
        var head = content[skip..Math.Min(content.Length, skip + 8192)];
        foreach (var b in head)
        {
            // Control bytes other than tab and line breaks do not occur in a text file: a PDF, an image, an old .xls.
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r')
                return null;
        }
        return SheetFormat.Csv;
    }

    public static ValidationFailedException TooInflated() => new("content",
        "Le fichier XLSX contient beaucoup plus de données que sa taille ne le laisse penser (fichier compressé anormalement) : il est refusé. Enregistrez-le à nouveau depuis votre tableur, ou au format CSV.");

    private static IEnumerable<SheetRow> ReadRows(byte[] content, SheetFormat format) =>
        format == SheetFormat.Xlsx ? XlsxSheetReader.Read(content) : CsvSheetReader.Read(content);
}

/// <summary>An error or warning as GetImport reports it; the message is cut to <see cref="ImportLimits.MaxIssueMessageChars"/>.</summary>
internal sealed record RowIssue(int Line, string Column, string Message)
{
    public string Message { get; } = Excerpt.Cut(Message, ImportLimits.MaxIssueMessageChars);
}

/// <summary>The beginning of a value, for a message that quotes it.</summary>
internal static class Excerpt
{
    public static string Of(string? value) => Cut(value?.Trim() ?? "", ImportLimits.MaxQuotedChars);

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
