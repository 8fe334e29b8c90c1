using Grpc.Net.Client;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests;

/// <summary>An operator's gRPC clients through the gateway, one structure, and one existing person to use as connection account.</summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    private GrpcChannel? channel;

    public AccountService.AccountServiceClient Accounts { get; private set; } = null!;
    /// <summary>The operator's channel to the gateway, for the other services' clients.</summary>
    public GrpcChannel Channel => channel!;
    public StructureService.StructureServiceClient Structures { get; private set; } = null!;
    public AuditService.AuditServiceClient Audit { get; private set; } = null!;
    public Structure Structure { get; private set; } = null!;
    public Account Person { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        Accounts = new AccountService.AccountServiceClient(channel);
        Structures = new StructureService.StructureServiceClient(channel);
        Audit = new AuditService.AuditServiceClient(channel);
        Structure = await Structures.CreateStructureAsync(Testing.Accounts.NewStructure());
        Person = await CreateAsync(Testing.Accounts.Per());
    }

    public Task<Account> CreateAsync(Account account, string? requestId = null) =>
        Accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = Structure.Id, Account = account, RequestId = requestId ?? "" }).ResponseAsync;

    public Task DisposeAsync()
    {
        channel?.Dispose();
        return Task.CompletedTask;
    }
}
