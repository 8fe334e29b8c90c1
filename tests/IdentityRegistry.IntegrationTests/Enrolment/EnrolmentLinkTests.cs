using System.Net;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Enrolment;

/// <summary>The enrolment link end to end through the gateway's REST port: e-mailed, opened, used once.</summary>
public sealed class EnrolmentLinkTests
{
    private const string GoodPassword = "Tr0mbone-Ciel-Vert-42";

    [Fact]
    public async Task An_invited_account_gets_a_link_that_enrols_it_once_then_answers_like_an_unknown_link()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync();

        var link = await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout);
        Assert.StartsWith($"{TestEnvironment.GatewayUrl.TrimEnd('/')}/enrol/", link);
        var token = SentMail.TokenOf(link);
        using var person = Platform.Anonymous();

        var enrolment = await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{token}"), HttpStatusCode.OK);
        Assert.Equal(email, enrolment["account"]!["email"]!.GetValue<string>());
        Assert.Equal("DUPONT", enrolment["account"]!["lastName"]!.GetValue<string>());
        Assert.StartsWith("Clinique des Sapins", enrolment["structureName"]!.GetValue<string>());
        var terms = enrolment["termsVersion"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(terms));

        var weak = await Platform.ReadAsync(await person.PostAsync($"/api/v1/enrolments/{token}:complete",
            Platform.Json(new { password = "azerty123456", acceptedTermsVersion = terms })), HttpStatusCode.BadRequest);
        Assert.Contains("password", Platform.FieldsOf(weak));
        Assert.Equal("PRE_REGISTERED", await Platform.StateOfAsync(email));

        var done = await Platform.ReadAsync(await person.PostAsync($"/api/v1/enrolments/{token}:complete",
            Platform.Json(new { password = GoodPassword, acceptedTermsVersion = terms })), HttpStatusCode.OK);
        Assert.Equal("ACTIVE", done["account"]!["state"]!.GetValue<string>());
        Assert.Equal("ACTIVE", await Platform.StateOfAsync(email));

        // The used link, and a link that never existed, get the very same answer.
        var used = await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{token}"), HttpStatusCode.NotFound);
        var unknown = await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{Platform.UnknownToken()}"), HttpStatusCode.NotFound);
        Assert.Equal(unknown.ToJsonString(), used.ToJsonString());
        var again = await Platform.ReadAsync(await person.PostAsync($"/api/v1/enrolments/{token}:complete",
            Platform.Json(new { password = GoodPassword + "!", acceptedTermsVersion = terms })), HttpStatusCode.NotFound);
        Assert.Equal(unknown.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public async Task An_expired_link_answers_like_an_unknown_link()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync();
        var token = SentMail.TokenOf(await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout));
        using var person = Platform.Anonymous();
        await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{token}"), HttpStatusCode.OK);

        // Seven days pass: the link's expiry is moved into the past in Identity-Registry's own database.
        await using (var db = new Npgsql.NpgsqlConnection(TestEnvironment.DatabaseConnection(Platform.IdentityDatabase)))
        {
            await db.OpenAsync();
            await using var expire = new Npgsql.NpgsqlCommand("UPDATE enrolment_links SET expires_at = now() - interval '1 minute' WHERE email = @email", db);
            expire.Parameters.AddWithValue("email", email);
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }

        var expired = await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{token}"), HttpStatusCode.NotFound);
        var unknown = await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{Platform.UnknownToken()}"), HttpStatusCode.NotFound);
        Assert.Equal(unknown.ToJsonString(), expired.ToJsonString());
        await Platform.ReadAsync(await person.PostAsync($"/api/v1/enrolments/{token}:complete",
            Platform.Json(new { password = GoodPassword, acceptedTermsVersion = "2026-01" })), HttpStatusCode.NotFound);
        Assert.Equal("PRE_REGISTERED", await Platform.StateOfAsync(email));
    }

    [Fact]
    public async Task Completing_requires_accepting_the_current_terms_version()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync();
        var token = SentMail.TokenOf(await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout));
        using var person = Platform.Anonymous();

        var refused = await Platform.ReadAsync(await person.PostAsync($"/api/v1/enrolments/{token}:complete",
            Platform.Json(new { password = GoodPassword, acceptedTermsVersion = "1999-01" })), HttpStatusCode.BadRequest);

        Assert.Equal(["acceptedTermsVersion"], Platform.FieldsOf(refused));
        Assert.Equal("PRE_REGISTERED", await Platform.StateOfAsync(email));
    }

    [Fact]
    public async Task SendInvitation_issues_a_new_link_and_the_older_one_dies()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync();
        var first = await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout);
        using var admin = await Platform.OperatorAsync();

        var resent = await Platform.ReadAsync(await admin.PostAsync($"/api/v1/accounts/{Uri.EscapeDataString(email)}:sendInvitation",
            Platform.Json(new { })), HttpStatusCode.OK);
        Assert.Equal(email, resent["email"]!.GetValue<string>());

        var second = await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout, minimumMails: 2);
        Assert.NotEqual(first, second);
        using var person = Platform.Anonymous();
        await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{SentMail.TokenOf(first)}"), HttpStatusCode.NotFound);
        await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{SentMail.TokenOf(second)}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task SendInvitation_is_refused_for_an_account_that_is_not_pre_registered()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync(sendInvitation: false);
        using var admin = await Platform.OperatorAsync();
        await Platform.ReadAsync(await admin.PostAsync($"/api/v1/accounts/{Uri.EscapeDataString(email)}:disable", Platform.Json(new { })), HttpStatusCode.OK);

        var refused = await Platform.ReadAsync(await admin.PostAsync($"/api/v1/accounts/{Uri.EscapeDataString(email)}:sendInvitation",
            Platform.Json(new { })), HttpStatusCode.BadRequest);

        Assert.Equal(9, refused["code"]!.GetValue<int>()); // FAILED_PRECONDITION
    }
}
