using Grpc.Net.Client;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests;

/// <summary>The gRPC side of the platform under test, shared by every test class of the project (one instance, see
/// <see cref="IdentityCollection"/>): an operator's clients through the gateway's gRPC port, one structure, and one
/// existing person to use as connection account. The REST side and the database are <see cref="Platform"/>.</summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    private GrpcChannel? channel;

    public string Token { get; private set; } = "";
    public AccountService.AccountServiceClient Accounts { get; private set; } = null!;
    /// <summary>The operator's channel to the gateway, for the other services' clients.</summary>
    public GrpcChannel Channel => channel!;
    public StructureService.StructureServiceClient Structures { get; private set; } = null!;
    public ImportService.ImportServiceClient Imports { get; private set; } = null!;
    public AuditService.AuditServiceClient Audit { get; private set; } = null!;
    public Structure Structure { get; private set; } = null!;
    public Account Person { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Token = await Tokens.OperatorAsync();
        channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, Token);
        Accounts = new AccountService.AccountServiceClient(channel);
        Structures = new StructureService.StructureServiceClient(channel);
        Imports = new ImportService.ImportServiceClient(channel);
        Audit = new AuditService.AuditServiceClient(channel);
        Structure = await NewStructureAsync();
        Person = await CreateAsync(Testing.Accounts.Per());
    }

    public async Task<Structure> NewStructureAsync() => await Structures.CreateStructureAsync(Testing.Accounts.NewStructure());

    /// <summary>Creates an account in the fixture's structure.</summary>
    public Task<Account> CreateAsync(Account account, string? requestId = null) =>
        Accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = Structure.Id, Account = account, RequestId = requestId ?? "" }).ResponseAsync;

    public Task DisposeAsync()
    {
        channel?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Every test class that needs the operator's gRPC clients joins this collection, so they share one fixture.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityFixture>
{
    public const string Name = "identity registry";
}
