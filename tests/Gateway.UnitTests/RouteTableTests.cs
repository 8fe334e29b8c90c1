using static Medimail.Gateway.UnitTests.GatewayUnderTest;

namespace Medimail.Gateway.UnitTests;

public sealed class RouteTableTests : IAsyncLifetime
{
    private GatewayUnderTest gateway = null!;

    public Task InitializeAsync()
    {
        gateway = Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => gateway.DisposeAsync().AsTask();

    // Every REST call of docs/api.md, with the service that implements it.
    [Theory]
    [InlineData("POST", "/connect/token", "identity")]
    [InlineData("GET", "/.well-known/openid-configuration", "identity")]
    [InlineData("GET", "/.well-known/jwks", "identity")]
    [InlineData("POST", "/api/v1/structures", "identity")]
    [InlineData("GET", "/api/v1/structures?pageSize=10", "identity")]
    [InlineData("GET", "/api/v1/structures/st-1", "identity")]
    [InlineData("POST", "/api/v1/structures/st-1/admins", "identity")]
    [InlineData("POST", "/api/v1/structures/st-1/connectors", "identity")]
    [InlineData("POST", "/api/v1/accounts", "identity")]
    [InlineData("GET", "/api/v1/accounts/jean.dupont@chu-test.mssante.fr", "identity")]
    [InlineData("PATCH", "/api/v1/accounts/jean.dupont@chu-test.mssante.fr?updateMask=phone1", "identity")]
    [InlineData("GET", "/api/v1/accounts?query=dup&state=ACTIVE&type=PER&structureId=st-1", "identity")]
    [InlineData("POST", "/api/v1/accounts/jean.dupont@chu-test.mssante.fr:disable", "identity")]
    [InlineData("POST", "/api/v1/accounts/jean.dupont@chu-test.mssante.fr:enable", "identity")]
    [InlineData("POST", "/api/v1/accounts/jean.dupont@chu-test.mssante.fr:validate", "identity")]
    [InlineData("POST", "/api/v1/accounts/jean.dupont@chu-test.mssante.fr:sendInvitation", "identity")]
    [InlineData("POST", "/api/v1/imports", "identity")]
    [InlineData("GET", "/api/v1/imports/imp-1", "identity")]
    [InlineData("GET", "/api/v1/accounts:export?structureId=st-1&format=XLSX", "identity")]
    [InlineData("GET", "/api/v1/enrolments/tok-123", "identity")]
    [InlineData("POST", "/api/v1/enrolments/tok-123:complete", "identity")]
    [InlineData("POST", "/api/v1/registrations", "identity")]
    [InlineData("GET", "/api/v1/reference/professions", "identity")]
    [InlineData("GET", "/api/v1/reference/exercise-titles", "identity")]
    [InlineData("GET", "/api/v1/me/mailboxes", "mailbox")]
    [InlineData("PATCH", "/api/v1/me/mailboxes/secretariat@chu-test.mssante.fr", "mailbox")]
    [InlineData("GET", "/api/v1/mailboxes/secretariat@chu-test.mssante.fr", "mailbox")]
    [InlineData("POST", "/api/v1/mailboxes/secretariat@chu-test.mssante.fr/messages", "mailbox")]
    [InlineData("GET", "/api/v1/mailboxes/secretariat@chu-test.mssante.fr/messages?folder=INBOX", "mailbox")]
    [InlineData("GET", "/api/v1/mailboxes/secretariat@chu-test.mssante.fr/messages/msg-1", "mailbox")]
    [InlineData("GET", "/api/v1/mailboxes/secretariat@chu-test.mssante.fr/traces", "mailbox")]
    [InlineData("GET", "/api/v1/directory/regional/entries?query=dup", "directory")]
    [InlineData("GET", "/api/v1/directory/national/entries/jean.dupont@chu-test.mssante.fr", "directory")]
    [InlineData("PATCH", "/api/v1/directory/visibility/jean.dupont@chu-test.mssante.fr", "directory")]
    [InlineData("GET", "/api/v1/directory/national:export?format=MSSANTE", "directory")]
    [InlineData("POST", "/api/v1/directory:rebuild", "directory")]
    [InlineData("POST", "/api/v1/structures/st-1/relaunches", "notification")]
    [InlineData("GET", "/api/v1/structures/st-1/relaunches/last", "notification")]
    [InlineData("GET", "/api/v1/structures/st-1/relaunches", "notification")]
    [InlineData("GET", "/api/v1/notifications?recipient=a@b.fr", "notification")]
    public async Task Every_rest_call_of_the_api_contract_reaches_the_service_that_implements_it(string method, string path, string cluster)
    {
        var outcome = await gateway.SendAsync(method, path);

        Assert.Equal(cluster, outcome.ClusterId);
    }

    [Theory]
    [InlineData("/api/v1/structures/st-1/relaunches")]
    [InlineData("/api/v1/structures/st-1/relaunches/last")]
    public async Task Relaunches_go_to_notification_although_identity_owns_the_rest_of_the_structure_path(string path)
    {
        var relaunch = await gateway.SendAsync("GET", path);
        var structure = await gateway.SendAsync("GET", "/api/v1/structures/st-1");

        Assert.Equal(("notification-relaunches", "notification"), (relaunch.Route?.RouteId, relaunch.ClusterId));
        Assert.Equal(("identity-structures", "identity"), (structure.Route?.RouteId, structure.ClusterId));
    }

    [Theory]
    [InlineData("/medimail.identity.v1.AccountService/CreateAccount", "identity")]
    [InlineData("/medimail.identity.v1.StructureService/ListStructures", "identity")]
    [InlineData("/medimail.identity.v1.ReferenceService/List", "identity")]
    [InlineData("/medimail.identity.v1.EnrolmentService/CompleteEnrolment", "identity")]
    [InlineData("/medimail.mailbox.v1.MessageService/SendMessage", "mailbox")]
    [InlineData("/medimail.mailbox.v1.MailboxService/ListMyMailboxes", "mailbox")]
    [InlineData("/medimail.directory.v1.DirectoryService/Search", "directory")]
    [InlineData("/medimail.directory.v1.VisibilityService/SetVisibility", "directory")]
    [InlineData("/medimail.directory.v1.DirectoryAdminService/RebuildProjection", "directory")]
    [InlineData("/medimail.notification.v1.RelaunchService/StartRelaunch", "notification")]
    [InlineData("/medimail.notification.v1.NotificationService/ListNotifications", "notification")]
    public async Task Grpc_calls_go_to_the_service_named_by_their_package_on_the_grpc_port(string path, string cluster)
    {
        var outcome = await gateway.SendAsync("POST", path, GrpcPort, contentType: "application/grpc");

        Assert.Equal(cluster, outcome.ClusterId);
    }

    [Fact]
    public async Task Grpc_calls_are_not_served_on_the_http_port()
    {
        var outcome = await gateway.SendAsync("POST", "/medimail.identity.v1.ReferenceService/List", HttpPort, contentType: "application/grpc");

        Assert.Null(outcome.Route);
        Assert.Equal(404, outcome.StatusCode);
    }

    [Fact]
    public async Task Rest_calls_are_not_served_on_the_grpc_port()
    {
        var outcome = await gateway.SendAsync("GET", "/api/v1/reference/professions", GrpcPort);

        Assert.Null(outcome.Route);
        Assert.Equal(404, outcome.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/unknown", HttpPort)]
    [InlineData("/api/v1/structuresX", HttpPort)]
    [InlineData("/api/v1/registration", HttpPort)]
    [InlineData("/api/v2/accounts", HttpPort)]
    [InlineData("/admin", HttpPort)]
    [InlineData("/favicon.ico", HttpPort)]
    [InlineData("/medimail.billing.v1.InvoiceService/Get", GrpcPort)]
    [InlineData("/grpc.health.v1.Health/Check", GrpcPort)]
    public async Task Unknown_paths_answer_404_even_without_a_token(string path, int port)
    {
        var outcome = await gateway.SendAsync("GET", path, port);

        Assert.Null(outcome.Route);
        Assert.Equal(404, outcome.StatusCode);
    }
}
