using System.IO.Compression;
using System.Text;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// XLSX packages written part by part with System.IO.Compression, as a hostile file would be: the sheet's XML is
/// streamed into the zip, so a test can make a small file that inflates to hundreds of megabytes.
/// </summary>
internal static class Workbooks
{
    public const string HeaderRow = """<row r="1"><c r="A1" t="inlineStr"><is><t>Adresse mail</t></is></c><c r="B1" t="inlineStr"><is><t>Type BAL</t></is></c></row>""";

    /// <summary>A one-sheet workbook whose sheetData is what <paramref name="writeRows"/> writes.</summary>
    public static byte[] Build(Action<TextWriter> writeRows, string sheetPrefix = "")
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, Action<TextWriter> write)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false), 1 << 16);
                write(writer);
            }
            Part("[Content_Types].xml", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""));
            Part("_rels/.rels", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Part("xl/workbook.xml", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Comptes" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Part("xl/_rels/workbook.xml.rels", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""));
            Part("xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheetPrefix}<sheetData>""");
                writeRows(w);
                w.Write("</sheetData></worksheet>");
            });
        }
        return stream.ToArray();
    }

    /// <summary>The text of every cell of the first sheet of an XLSX, by row (inline strings and shared strings).</summary>
    public static List<List<string>> Cells(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var shared = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is { } strings)
        {
            using var reader = System.Xml.XmlReader.Create(strings.Open());
            while (reader.ReadToFollowing("si", Main))
                shared.Add(System.Xml.Linq.XElement.Load(reader.ReadSubtree()).Descendants(System.Xml.Linq.XName.Get("t", Main)).Aggregate("", (a, t) => a + t.Value));
        }
        var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        var document = System.Xml.Linq.XDocument.Load(sheet.Open());
        var ns = System.Xml.Linq.XNamespace.Get(Main);
        return document.Descendants(ns + "row").Select(row => row.Elements(ns + "c").Select(c =>
        {
            if (c.Element(ns + "f") is not null)
                return "<formula>" + c.Element(ns + "f")!.Value;
            var text = string.Concat(c.Descendants(ns + "t").Select(t => t.Value));
            var value = c.Element(ns + "v")?.Value;
            return (string?)c.Attribute("t") == "s" && value is not null ? shared[int.Parse(value)] : value ?? text;
        }).ToList()).ToList();
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
}
