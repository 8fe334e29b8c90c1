using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Enrolment;

/// <summary>The issue's own scenario: accounts imported with invitations each get a link, and a link enrols once.</summary>
public sealed class ImportedAccountEnrolmentTests
{
    private const string Header =
        "Adresse mail,NOM,Prénom,RPPS,ADELI,Raison Sociale,Service de rattachement,Adresse (1),Adresse (2),CP,VILLE,Département,Région," +
        "Téléphone (1),Téléphone (2),Profession,Spécialité,Diplôme,Activité libérale,Type BAL,Type identifiant structure resp," +
        "Identifiant structure resp,Adresse de retour,Nom resp,Prénom resp,Profession resp,Identifiant resp,Description fonctionnelle," +
        "Civilité exercice,MSSanté adresse,Apicrypt adresse,Apicrypt spécialité,Date de péremption,Alias,Compte(s) de connexion,Structure";

    private static string PerRow(string email, string lastName, string firstName) =>
        $"{email},{lastName},{firstName},{Testing.Accounts.Rpps},,,,1 place du Docteur Baylac,,31059,TOULOUSE,31,76,,,10,SM54,,NON,PER,,,,,,,,,,,,,,,,";

    [Fact]
    public async Task An_imported_account_gets_its_link_completes_enrolment_and_the_link_then_fails()
    {
        using var admin = await Platform.OperatorAsync();
        var structure = await Platform.ReadAsync(await admin.PostAsync("/api/v1/structures", Platform.Json(Testing.Accounts.NewStructure())), HttpStatusCode.OK);
        var structureId = structure["id"]!.GetValue<string>();
        var first = Unique.Email("paul.durand");
        var second = Unique.Email("lea.petit");
        var csv = string.Join("\r\n", Header, PerRow(first, "DURAND", "Paul"), PerRow(second, "PETIT", "Léa")) + "\r\n";

        var job = await Platform.ReadAsync(await admin.PostAsync("/api/v1/imports", Platform.Json(new
        {
            structureId, fileName = "loadusers.csv", content = Convert.ToBase64String(Encoding.UTF8.GetBytes(csv)), dryRun = false, sendInvitations = true,
        })), HttpStatusCode.OK);
        var id = job["id"]!.GetValue<string>();
        var finished = await Eventually.GetAsync(
            async () => await Platform.ReadAsync(await admin.GetAsync($"/api/v1/imports/{id}"), HttpStatusCode.OK),
            j => j["state"]?.GetValue<string>() is "SUCCEEDED" or "FAILED", TimeSpan.FromSeconds(60), "the import finishes");
        Assert.True(finished["state"]!.GetValue<string>() == "SUCCEEDED", finished.ToJsonString());
        Assert.Equal(2, finished["createdCount"]!.GetValue<int>());

        // Both get their own link (one batch event for the import).
        var link = await SentMail.EnrolmentLinkForAsync(first, Platform.MailTimeout);
        var other = await SentMail.EnrolmentLinkForAsync(second, Platform.MailTimeout);
        Assert.NotEqual(SentMail.TokenOf(link), SentMail.TokenOf(other));

        var token = SentMail.TokenOf(link);
        using var person = Platform.Anonymous();
        var enrolment = await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{token}"), HttpStatusCode.OK);
        Assert.Equal(first, enrolment["account"]!["email"]!.GetValue<string>());
        var terms = enrolment["termsVersion"]!.GetValue<string>();

        await Platform.ReadAsync(await person.PostAsync($"/api/v1/enrolments/{token}:complete",
            Platform.Json(new JsonObject { ["password"] = "Chardon-Bleu-Matin-77", ["acceptedTermsVersion"] = terms })), HttpStatusCode.OK);
        Assert.Equal("ACTIVE", await Platform.StateOfAsync(first));
        Assert.Equal("PRE_REGISTERED", await Platform.StateOfAsync(second));

        await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{token}"), HttpStatusCode.NotFound);
        await Platform.ReadAsync(await person.PostAsync($"/api/v1/enrolments/{token}:complete",
            Platform.Json(new JsonObject { ["password"] = "Chardon-Bleu-Matin-78", ["acceptedTermsVersion"] = terms })), HttpStatusCode.NotFound);
    }
}
