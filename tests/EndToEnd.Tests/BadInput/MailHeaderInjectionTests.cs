using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// Names end up in e-mails (the invitation quotes the person and the structure, a reception notice's subject the
/// shared box). A name carrying a line break and a header ("\r\nBcc: x@evil") is refused naming the field, through
/// the gateway's REST port, and nothing is written (no account, so no invitation).
/// </summary>
public sealed class MailHeaderInjectionTests
{
    private const string Evil = "x@evil.example";

    [Theory]
    [InlineData("lastName", "Dupont\r\nBcc: " + Evil)]
    [InlineData("firstName", "Jean\nSubject: Votre compte est suspendu")]
    [InlineData("lastName", "Dupont\u2028Bcc: " + Evil)]
    public async Task A_name_carrying_a_header_is_refused_naming_the_field_and_nothing_is_written(string field, string name)
    {
        using var rest = Channels.Rest(await Tokens.OperatorAsync());
        var structure = await rest.PostAsync("/api/v1/structures", JsonContent(Accounts.NewStructure()));
        var structureId = (await Rest.ReadOkAsync(structure))["id"]!.GetValue<string>();
        var person = Accounts.Per();
        if (field == "lastName") person.LastName = name; else person.FirstName = name;
        var before = await Doors.WrittenRowsAsync();

        using var response = await rest.PostAsync("/api/v1/accounts", JsonContent(new CreateAccountRequest
        {
            StructureId = structureId, Account = person, SendInvitation = true, RequestId = Guid.NewGuid().ToString(),
        }));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Equal(["account." + field], Doors.FieldsOf(JsonNode.Parse(body)!));
        Assert.Contains("une ligne", body);
        Assert.Equal(before, await Doors.WrittenRowsAsync());
        await Doors.AssertAllReadyAsync();
    }

    [Fact]
    public async Task A_structure_name_carrying_a_header_is_refused_naming_the_field()
    {
        using var rest = Channels.Rest(await Tokens.OperatorAsync());
        var draft = Accounts.NewStructure();
        draft.Name = "Clinique des Sapins\r\nBcc: " + Evil;
        var before = await Doors.WrittenRowsAsync();

        using var response = await rest.PostAsync("/api/v1/structures", JsonContent(draft));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Equal(["name"], Doors.FieldsOf(JsonNode.Parse(body)!));
        Assert.Equal(before, await Doors.WrittenRowsAsync());
    }

    private static StringContent JsonContent(IMessage message) =>
        new(JsonFormatter.Default.Format(message), Encoding.UTF8, "application/json");
}
