using System.Text;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// The encodings French spreadsheets save CSV in: UTF-8 with a BOM (Excel's "CSV UTF-8"), UTF-8 without
/// (LibreOffice), or Windows-1252 (Excel's plain "CSV"). A file that is valid UTF-8 is read as such; anything
/// else is Windows-1252, where every byte is a character, so nothing is ever lost silently.
/// </summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>The encoding and how many leading bytes (the BOM) to skip.</summary>
    public static (Encoding Encoding, int Skip) Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (StrictUtf8, 3);
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Encoding.Unicode, 2);
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return (Encoding.BigEndianUnicode, 2);
        return System.Text.Unicode.Utf8.IsValid(content) ? (StrictUtf8, 0) : (Windows1252, 0);
    }
}
