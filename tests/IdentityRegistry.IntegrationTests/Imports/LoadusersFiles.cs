using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Medimail.IdentityRegistry.IntegrationTests.Imports;

/// <summary>The tests' own generator of loadusers files: large valid CSVs, and XLSX workbooks as Excel writes them (shared strings).</summary>
internal static class LoadusersFiles
{
    public const string Header = "Adresse mail;NOM;Prénom;RPPS;ADELI;Adresse (1);CP;VILLE;Département;Région;Profession;Spécialité;Activité libérale;Type BAL;" +
        "Type identifiant structure resp;Identifiant structure resp;Civilité exercice;Nom resp;Prénom resp;Profession resp;Identifiant resp;Description fonctionnelle;Compte(s) de connexion";

    /// <summary>Valid rows of mixed types: people (PER, INT, MED) and, every 50 rows, an ORG reached through the row before it.</summary>
    public static IEnumerable<string> ValidRows(string run, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var email = $"user{i}.{run}@bench.medimail.fr";
            yield return (i % 50) switch
            {
                49 => $"{email};SECRÉTARIAT;Service {i};;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;MM-SEC;;NON;ORG;SIRET;73282932000074;;MARTIN;Claire;10;10987654323;Secrétariat du service {i};user{i - 1}.{run}@bench.medimail.fr",
                _ when i % 5 == 1 => $"{email};GARCIA;Maria {i};;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;10;;NON;INT;FINESS;310781406;DR;;;;;;",
                _ when i % 5 == 2 => $"{email};BERNARD;Sophie {i};;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;MM-SEC;;NON;MED;;;;;;;;;",
                _ => $"{email};DUPONT;Jean {i};10123456781;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;10;SM54;NON;PER;;;;;;;;;",
            };
        }
    }

    public static byte[] Csv(IEnumerable<string> rows) =>
        new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join("\r\n", rows) + "\r\n")).ToArray();

    /// <summary>A workbook whose first sheet holds these rows, text in the shared-string table like Excel saves it.</summary>
    public static byte[] Xlsx(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var index = new Dictionary<string, int>();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Count; c++)
                {
                    var value = rows[r][c];
                    if (value.Length == 0) continue;
                    if (!index.TryGetValue(value, out var at))
                    {
                        at = index[value] = index.Count;
                        strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(value)));
                    }
                    row.AppendChild(new Cell { CellReference = ColumnName(c) + (r + 1), DataType = CellValues.SharedString, CellValue = new CellValue(at.ToString()) });
                }
                data.AppendChild(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "loadusers" }));
        }
        return stream.ToArray();
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + index / 26 - 1)}{(char)('A' + index % 26)}";
}
