using System.Net;
using System.Text.RegularExpressions;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

/// <summary>
/// <c>Auth__RequireSecondFactor__INT=true</c> (set by the test profile, scripts/lib/platform.sh): an INT person without
/// TOTP is led to enrol it during the sign-in and gets no code until a first code confirms it.
/// </summary>
public sealed partial class RequiredSecondFactorTests
{
    private static string Gateway => TestEnvironment.GatewayUrl;

    [Fact]
    public async Task An_INT_person_without_totp_must_enrol_it_during_sign_in_before_any_code_is_issued()
    {
        var person = await ActivePeople.CreateAsync(Account.Types.Type.Int);
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();

        var enrolment = await flow.SubmitPasswordAsync(person.Email, person.Password);
        Assert.Equal(HttpStatusCode.OK, enrolment.StatusCode);
        Assert.Null(enrolment.Code);
        Assert.Contains("<svg", enrolment.Body);
        // A wrong first code gives no code either (and a new secret to record).
        var wrong = await flow.SubmitCodeAsync("000000");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Null(wrong.Code);

        var confirmed = await flow.SubmitCodeAsync(TotpTests.Code(SecretOf(wrong.Body)));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Null(confirmed.Code);
        Assert.Equal(10, RecoveryCode().Matches(confirmed.Body).Count);
        var back = await flow.GetAsync(WebUtility.HtmlDecode(ContinueLink().Match(confirmed.Body).Groups[1].Value));
        Assert.NotNull(back.Code);
        var tokens = await flow.ExchangeAsync(back.Code!);
        Assert.Equal(["INT"], Jwt.Values(tokens.AccessToken, "mailbox_type"));
    }

    [Fact]
    public async Task An_INT_person_who_leaves_the_enrolment_gets_no_code_on_the_next_sign_in_either()
    {
        var person = await ActivePeople.CreateAsync(Account.Types.Type.Int);
        using (var first = new SignInFlow(Gateway))
        {
            await first.StartAsync();
            Assert.Null((await first.SubmitPasswordAsync(person.Email, person.Password)).Code);
        }

        using var second = new SignInFlow(Gateway);
        await second.StartAsync();
        var step = await second.SubmitPasswordAsync(person.Email, person.Password);

        Assert.Null(step.Code);
        Assert.Contains("id=\"secret\"", step.Body);
    }

    [Fact]
    public async Task A_PER_person_without_totp_signs_in_with_the_password_alone()
    {
        var person = await ActivePeople.CreateAsync(Account.Types.Type.Per);
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();

        var step = await flow.SubmitPasswordAsync(person.Email, person.Password);

        Assert.NotNull(step.Code);
    }

    private static string SecretOf(string html) => Secret().Match(html) is { Success: true } m ? m.Groups[1].Value
        : throw new InvalidOperationException("No secret on the page: " + PersonSignIn.Text(html));

    [GeneratedRegex("<code id=\"secret\">([A-Z2-7]+)</code>")]
    private static partial Regex Secret();

    [GeneratedRegex("<li><code>[A-Z0-9]{10}</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<a href=\"(/connect/authorize\\?[^\"]*)\">")]
    private static partial Regex ContinueLink();
}
