using Medimail.Notification.Domain;

namespace Medimail.Notification.UnitTests;

public sealed class TemplateTextTests
{
    private static readonly Dictionary<string, string> Values = new() { ["name"] = "<b>Léa & co</b>" };

    [Fact]
    public void Html_templates_get_encoded_values_and_text_templates_raw_ones()
    {
        Assert.Equal("<p>&lt;b&gt;L&#233;a &amp; co&lt;/b&gt;</p>", TemplateText.Render("<p>{{name}}</p>", Values, html: true));
        Assert.Equal("Bonjour <b>Léa & co</b>", TemplateText.Render("Bonjour {{ name }}", Values, html: false));
    }

    [Fact]
    public void A_placeholder_without_a_value_is_an_error_not_an_empty_string() =>
        Assert.Throws<KeyNotFoundException>(() => TemplateText.Render("{{other}}", Values, html: false));

    [Fact]
    public void A_template_parsed_once_renders_each_time_with_new_values_placeholders_at_either_end_included()
    {
        var compiled = TemplateText.Compile("{{name}}, votre lien : {{link}}");

        Assert.Equal(["", ", votre lien : ", ""], compiled.Literals);
        Assert.Equal("Léa, votre lien : https://a.fr/1", compiled.Render(new Dictionary<string, string> { ["name"] = "Léa", ["link"] = "https://a.fr/1" }, html: false));
        Assert.Equal("Noé, votre lien : https://a.fr/2", compiled.Render(new Dictionary<string, string> { ["name"] = "Noé", ["link"] = "https://a.fr/2" }, html: false));
        Assert.Equal("sans variable", TemplateText.Compile("sans variable").Render(Values, html: true));
    }

    [Fact]
    public void Placeholders_are_listed_once_each() =>
        Assert.Equal(["a", "b"], TemplateText.PlaceholdersOf("{{a}} {{b}} {{a}}").Order());

    [Fact]
    public void A_one_line_value_loses_its_line_breaks() =>
        Assert.Equal("EHPAD Les Mimosas Bcc: x", TemplateText.OneLine(" EHPAD\r\nLes Mimosas\nBcc: x "));
}
