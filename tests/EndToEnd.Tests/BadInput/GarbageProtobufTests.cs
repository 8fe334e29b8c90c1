using Google.Protobuf;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// gRPC frames whose payload is not a readable message for the method, or that end short of their length prefix, sent by
/// hand to the gateway's gRPC port and to each service's own: every one is INVALID_ARGUMENT naming <c>body</c>
/// (ServiceDefaults' UnreadableMessageGuard and CutShortFrameGuard),
/// writes nothing and leaves every process ready. Each method chosen writes when its request is valid; Mailbox's
/// SendMessage also runs under per-service gRPC options (its larger message limit), which must not lose the guard.
/// </summary>
public sealed class GarbageProtobufTests
{
    /// <summary>Per service: a method that writes, and a valid request for it (which the "truncated" case cuts short).</summary>
    private static readonly Dictionary<string, (string Method, Func<IMessage> Valid)> Methods = new()
    {
        ["identity"] = ("/medimail.identity.v1.AccountService/CreateAccount", () => new Identity.V1.CreateAccountRequest
        {
            StructureId = Guid.NewGuid().ToString(), Account = Accounts.Per(), RequestId = Guid.NewGuid().ToString(),
        }),
        ["mailbox"] = ("/medimail.mailbox.v1.MessageService/SendMessage", () => new Mailbox.V1.SendMessageRequest
        {
            Address = "expediteur@medimail.example", To = { "destinataire@medimail.example" }, Subject = "Objet", Body = "Texte du message",
        }),
        ["directory"] = ("/medimail.directory.v1.VisibilityService/SetVisibility", () => new Directory.V1.SetVisibilityRequest
        {
            Email = "personne@medimail.example",
        }),
        ["notification"] = ("/medimail.notification.v1.RelaunchService/StartRelaunch", () => new Notification.V1.StartRelaunchRequest
        {
            StructureId = Guid.NewGuid().ToString(), RequestId = Guid.NewGuid().ToString(),
        }),
    };

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var door in new[] { "gateway", "service" })
            foreach (var service in Methods.Keys)
                foreach (var kind in new[] { "random bytes", "truncated message", "invalid wire type" })
                    cases.Add(door, service, kind);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_unreadable_message_is_invalid_argument_on_body_writes_nothing_and_every_service_stays_ready(
        string door, string service, string kind)
    {
        var (method, valid) = Methods[service];
        var payload = Payload(kind, valid());
        // The premise: this payload really is unreadable as the method's request.
        Assert.Throws<InvalidProtocolBufferException>(() => valid().Descriptor.Parser.ParseFrom(payload));
        var before = await WrittenAsync();

        var answer = await RawGrpc.CallAsync(Url(door, service), method, RawGrpc.Frame(payload), await Tokens.OperatorAsync());

        Assert.True(answer.Status == 3 && answer.Fields.SequenceEqual(["body"]), $"{door} {service} {kind}: {answer}");
        Assert.Contains("body", answer.Message);
        Assert.Equal(before, await WrittenAsync());
        await Doors.AssertAllReadyAsync();
    }

    public static TheoryData<string, string, string> CutShortCases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var door in new[] { "gateway", "service" })
            foreach (var service in Methods.Keys)
                foreach (var kind in new[] { "prefix announcing 1000 bytes more", "prefix itself cut" })
                    cases.Add(door, service, kind);
        return cases;
    }

    /// <summary>
    /// A frame that ends before the length its prefix announces (or inside the prefix) never reaches the parser:
    /// grpc-dotnet's reader alone would answer INTERNAL "Incomplete message.", naming nothing. ServiceDefaults'
    /// CutShortFrameGuard makes it INVALID_ARGUMENT on <c>body</c> like the unreadable payloads above.
    /// </summary>
    [Theory]
    [MemberData(nameof(CutShortCases))]
    public async Task A_frame_cut_short_of_its_length_prefix_is_invalid_argument_on_body_writes_nothing_and_every_service_stays_ready(
        string door, string service, string kind)
    {
        var (method, valid) = Methods[service];
        var payload = valid().ToByteArray();
        var frame = kind == "prefix itself cut" ? RawGrpc.Frame(payload)[..3] : RawGrpc.Frame(payload, declaredLength: payload.Length + 1000);
        var before = await WrittenAsync();

        var answer = await RawGrpc.CallAsync(Url(door, service), method, frame, await Tokens.OperatorAsync());

        Assert.True(answer.Status == 3 && answer.Fields.SequenceEqual(["body"]), $"{door} {service} {kind}: {answer}");
        Assert.Contains("body", answer.Message);
        Assert.Equal(before, await WrittenAsync());
        await Doors.AssertAllReadyAsync();
    }

    private static byte[] Payload(string kind, IMessage valid) => kind switch
    {
        // 0xFF starts a tag whose varint never ends within ten bytes; the rest is noise.
        "random bytes" => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. Noise(54)],
        // The last field is a string: cut two bytes short, its declared length runs past the end.
        "truncated message" => valid.ToByteArray()[..^2],
        // Field 1 with wire type 7, which protobuf does not define.
        "invalid wire type" => [0x0F, 0x01],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(19).NextBytes(bytes);
        return bytes;
    }

    private static string Url(string door, string service) => door == "gateway" ? TestEnvironment.GatewayGrpcUrl : service switch
    {
        "identity" => TestEnvironment.IdentityGrpcUrl,
        "mailbox" => TestEnvironment.MailboxGrpcUrl,
        "directory" => TestEnvironment.DirectoryGrpcUrl,
        _ => TestEnvironment.NotificationGrpcUrl,
    };

    /// <summary>What each method would write: accounts, messages, a directory entry's visibility flags, relaunches.</summary>
    private static async Task<(object Identity, long Visibility, long Relaunches)> WrittenAsync() => (
        await Doors.WrittenRowsAsync(),
        await Doors.CountAsync("directory", "SELECT coalesce(sum(visibility_version), 0) FROM directory_entries"),
        await Doors.CountAsync("notification", "SELECT count(*) FROM relaunches"));
}
