using System.Net;
using System.Text;
using Google.Protobuf;
using Medimail.Identity.V1;
using Medimail.Testing;
using OtpNet;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

/// <summary>The second factor: enrolled and confirmed through <c>/api/v1/me/totp</c>, then asked by the sign-in page.</summary>
public sealed class TotpTests
{
    private static string Gateway => TestEnvironment.GatewayUrl;

    [Fact]
    public async Task Enrolment_gives_a_secret_an_otpauth_uri_and_an_svg_qr_code_and_a_first_code_turns_it_on_with_ten_recovery_codes()
    {
        var (person, tokens) = await ActivePeople.SignedInAsync();
        using var rest = Channels.Rest(tokens.AccessToken);

        var enrolment = await PostAsync<TotpEnrolment>(rest, "/api/v1/me/totp:enroll", "{}");
        Assert.StartsWith("otpauth://totp/", enrolment.OtpauthUri);
        Assert.Contains($"secret={enrolment.Secret}", enrolment.OtpauthUri);
        Assert.Contains("<svg", enrolment.QrSvg);

        using var wrong = await rest.PostAsync("/api/v1/me/totp:confirm", Json("{\"code\":\"000000\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var confirmation = await PostAsync<TotpConfirmation>(rest, "/api/v1/me/totp:confirm", $"{{\"code\":\"{Code(enrolment.Secret)}\"}}");

        Assert.Equal(10, confirmation.RecoveryCodes.Distinct().Count());
        Assert.Contains(Uri.EscapeDataString(person.Email), enrolment.OtpauthUri);
    }

    [Fact]
    public async Task With_the_factor_on_the_sign_in_asks_the_code_refuses_a_wrong_one_and_accepts_the_right_one()
    {
        var (person, secret, _) = await PersonWithTotpAsync();
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();

        var asked = await flow.SubmitPasswordAsync(person.Email, person.Password);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Null(asked.Code);
        Assert.Contains("Code de vérification", asked.Body);

        var wrong = await flow.SubmitCodeAsync(WrongCode(secret));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Null(wrong.Code);

        // The confirmation used the current 30-second step; a code is never accepted twice, so wait for the next one.
        await NextStepAsync();
        var accepted = await flow.SubmitCodeAsync(Code(secret));
        Assert.NotNull(accepted.Code);
        await flow.ExchangeAsync(accepted.Code!);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_never_again()
    {
        var (person, _, recovery) = await PersonWithTotpAsync();

        var first = await SignInWithCodeAsync(person, recovery[3]);
        var second = await SignInWithCodeAsync(person, recovery[3]);

        Assert.NotNull(first.Code);
        Assert.Null(second.Code);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }

    [Fact]
    public async Task Once_removed_the_sign_in_needs_no_code()
    {
        var (person, _, recovery) = await PersonWithTotpAsync();
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();
        await flow.SubmitPasswordAsync(person.Email, person.Password);
        var tokens = await flow.ExchangeAsync((await flow.SubmitCodeAsync(recovery[0])).Code!);
        using var rest = Channels.Rest(tokens.AccessToken);

        using var removed = await rest.DeleteAsync("/api/v1/me/totp");
        Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync());

        Assert.NotNull((await PersonSignIn.SignInAsync(Gateway, person.Email, person.Password)).AccessToken);
    }

    private static async Task<SignInFlow.Step> SignInWithCodeAsync(ActivePerson person, string code)
    {
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();
        await flow.SubmitPasswordAsync(person.Email, person.Password);
        return await flow.SubmitCodeAsync(code);
    }

    /// <summary>A signed-in person that enrolled and confirmed TOTP through the API; its secret and recovery codes.</summary>
    internal static async Task<(ActivePerson Person, string Secret, IReadOnlyList<string> Recovery)> PersonWithTotpAsync()
    {
        var (person, tokens) = await ActivePeople.SignedInAsync();
        using var rest = Channels.Rest(tokens.AccessToken);
        var enrolment = await PostAsync<TotpEnrolment>(rest, "/api/v1/me/totp:enroll", "{}");
        var confirmation = await PostAsync<TotpConfirmation>(rest, "/api/v1/me/totp:confirm", $"{{\"code\":\"{Code(enrolment.Secret)}\"}}");
        return (person, enrolment.Secret, confirmation.RecoveryCodes.ToList());
    }

    internal static string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow);

    /// <summary>A code that is none of the three accepted steps (previous, current, next).</summary>
    private static string WrongCode(string secret)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var now = DateTime.UtcNow;
        var accepted = new[] { -30, 0, 30 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !accepted.Contains(c));
    }

    private static Task NextStepAsync()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return Task.Delay(TimeSpan.FromMilliseconds(30_000 - now % 30_000 + 200));
    }

    private static async Task<T> PostAsync<T>(HttpClient rest, string path, string json) where T : IMessage<T>, new()
    {
        using var response = await rest.PostAsync(path, Json(json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonParser.Default.Parse<T>(body);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
