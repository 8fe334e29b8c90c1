namespace Medimail.Mailbox.Messages;

/// <summary>
/// The declared content type of a file must match its first bytes (magic numbers): a ".pdf" that is really an
/// executable is refused. Types without a signature (text, XML) must not look like a binary format either.
/// </summary>
public static class ContentTypes
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif = "GIF8"u8.ToArray();
    private static readonly byte[] TiffLittle = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBig = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Dicom = "DICM"u8.ToArray();

    private static readonly byte[][] BinarySignatures = [Pdf, Png, Jpeg, Gif, TiffLittle, TiffBig, Zip, Ole, [0x4D, 0x5A], [0x7F, 0x45, 0x4C, 0x46]];

    /// <summary>Types accepted, and how their bytes are recognised.</summary>
    private static readonly Dictionary<string, Func<ReadOnlyMemory<byte>, bool>> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = b => StartsWith(b, Pdf),
        ["image/png"] = b => StartsWith(b, Png),
        ["image/jpeg"] = b => StartsWith(b, Jpeg),
        ["image/gif"] = b => StartsWith(b, Gif),
        ["image/tiff"] = b => StartsWith(b, TiffLittle) || StartsWith(b, TiffBig),
        ["application/dicom"] = b => b.Length >= 132 && b.Span.Slice(128, 4).SequenceEqual(Dicom),
        ["application/zip"] = b => StartsWith(b, Zip),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = b => StartsWith(b, Zip),
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = b => StartsWith(b, Zip),
        ["application/vnd.oasis.opendocument.text"] = b => StartsWith(b, Zip),
        ["application/msword"] = b => StartsWith(b, Ole),
        ["application/vnd.ms-excel"] = b => StartsWith(b, Ole),
        ["text/plain"] = IsText,
        ["text/csv"] = IsText,
        ["text/xml"] = IsText,
        ["application/xml"] = IsText,
        ["application/hl7-v2"] = IsText,
        ["application/hl7-v2+er7"] = IsText,
    };

    public static IEnumerable<string> Names => Accepted.Keys;

    /// <summary>Null when the bytes are what the type says; otherwise the reason, in French.</summary>
    public static string? Check(string contentType, ReadOnlyMemory<byte> content)
    {
        var type = Bare(contentType);
        if (!Accepted.TryGetValue(type, out var matches))
            return $"Le type « {type} » n'est pas accepté (types acceptés : PDF, images, DICOM, documents bureautiques, texte, XML, HL7).";
        return matches(content) ? null : $"Le contenu du fichier ne correspond pas au type déclaré « {type} ».";
    }

    /// <summary>"application/pdf; name=x.pdf" → "application/pdf".</summary>
    public static string Bare(string contentType) =>
        (contentType.Split(';', 2)[0]).Trim().ToLowerInvariant();

    private static bool StartsWith(ReadOnlyMemory<byte> content, byte[] signature) =>
        content.Length >= signature.Length && content.Span[..signature.Length].SequenceEqual(signature);

    /// <summary>No NUL byte in the first kilobytes and no binary signature.</summary>
    private static bool IsText(ReadOnlyMemory<byte> content)
    {
        var head = content.Span[..Math.Min(content.Length, 8192)];
        return !head.Contains((byte)0) && !BinarySignatures.Any(s => StartsWith(content, s));
    }
}
