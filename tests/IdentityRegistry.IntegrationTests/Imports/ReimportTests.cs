using System.Text;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Imports;

/// <summary>Imports only create; a row whose account exists but differs is reported with the columns that differ.</summary>
[Collection(IdentityCollection.Name)]
public sealed class ReimportTests(IdentityFixture fixture)
{
    private const string Header =
        "Adresse mail;NOM;Prénom;RPPS;ADELI;Adresse (1);CP;VILLE;Département;Région;Profession;Spécialité;Activité libérale;Type BAL\r\n";

    [Fact]
    public async Task A_reimported_row_that_differs_is_warned_with_each_changed_column_and_an_identical_one_is_not()
    {
        var structure = await fixture.NewStructureAsync();
        var same = Unique.Email("jean.dupont");
        var changed = Unique.Email("anne.morel");
        await fixture.ImportAsync(structure, File(Row(same, "DUPONT", "TOULOUSE"), Row(changed, "MOREL", "TOULOUSE")));

        var again = await fixture.ImportAsync(structure, File(Row(same, "DUPONT", "TOULOUSE"), Row(changed, "MOREL-DURAND", "BLAGNAC")));

        Assert.Equal((ImportJob.Types.State.Succeeded, 0, 2), (again.State, again.CreatedCount, again.RejectedCount));
        Assert.DoesNotContain(again.Warnings, w => w.Line == 2);
        Assert.Equal(["NOM", "VILLE"], again.Warnings.Where(w => w.Line == 3).Select(w => w.Column).Order());
        Assert.All(again.Warnings.Where(w => w.Line == 3), w => Assert.Contains(changed, w.Message));
        var stored = await fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = changed });
        Assert.Equal(("MOREL", "TOULOUSE"), (stored.LastName, stored.Address.City.ToUpperInvariant()));
    }

    private static string Row(string email, string lastName, string city) =>
        $"{email};{lastName};Jean;{Testing.Accounts.Rpps};;1 place du Docteur Baylac;31059;{city};31;76;10;SM54;NON;PER\r\n";

    private static byte[] File(params string[] rows) => Encoding.UTF8.GetBytes(Header + string.Concat(rows));
}
