using System.Net;
using System.Text.RegularExpressions;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Enrolment;

/// <summary>The password rules have one source, Identity-Registry: GetEnrolment carries them and the page shows them.</summary>
public sealed partial class PasswordRulesTests
{
    [Fact]
    public async Task The_enrolment_answer_carries_the_password_rules_and_the_page_lists_exactly_those()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync();
        var link = await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout);
        using var person = Platform.Anonymous();

        var enrolment = await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{SentMail.TokenOf(link)}"), HttpStatusCode.OK);
        var rules = enrolment["passwordRules"]!;
        Assert.Equal(12, rules["minLength"]!.GetValue<int>());
        Assert.Equal(128, rules["maxLength"]!.GetValue<int>());
        var descriptions = rules["descriptions"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains("au moins 12 caractères et au plus 128 ;", descriptions);

        var html = await person.GetStringAsync(new Uri(link).PathAndQuery);
        var listed = RuleItem().Matches(html.Split("id=\"regles\"")[1].Split("</ul>")[0])
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(descriptions, listed);
    }

    [GeneratedRegex("<li>(.*?)</li>")]
    private static partial Regex RuleItem();
}
