using Medimail.Gateway.Admin;

namespace Medimail.Gateway.UnitTests;

/// <summary>What a link may make the console do: come back only to a console page, show only the server's messages.</summary>
public sealed class AdminLinksTests
{
    [Theory]
    [InlineData("/admin/journal?acteur=a%40b.fr", "/admin/journal?acteur=a%40b.fr")]
    [InlineData("https://evil.example/admin/", "/admin/utilisateurs")]
    [InlineData("//evil.example/admin/", "/admin/utilisateurs")]
    [InlineData("/admin//evil.example", "/admin/utilisateurs")]
    [InlineData("/admin/\\evil.example", "/admin/utilisateurs")]
    [InlineData("/enrol/abc", "/admin/utilisateurs")]
    [InlineData(null, "/admin/utilisateurs")]
    public void The_sign_in_comes_back_only_to_a_console_page_of_this_site(string? asked, string expected) =>
        Assert.Equal(expected, AdminSignIn.ReturnPath(asked));

    [Fact]
    public void A_success_message_is_named_by_a_known_code_only()
    {
        Assert.Equal("/admin/inscriptions?fait=inscription-validee", DoneMessages.Link("/admin/inscriptions", "inscription-validee"));
        Assert.Equal("/admin/utilisateurs?structure=s&fait=relance-envoyee", DoneMessages.Link("/admin/utilisateurs?structure=s", "relance-envoyee"));
        Assert.Throws<ArgumentException>(() => DoneMessages.Link("/admin/inscriptions", "Votre compte est bloqué"));
    }
}
