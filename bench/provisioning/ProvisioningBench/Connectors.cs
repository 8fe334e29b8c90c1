using Grpc.Net.Client;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.ProvisioningBench;

/// <summary>
/// One structure with a person and an ORG box (what an APP box must name: a connection account and a return address),
/// and N connectors of that structure, each with its own token from the real token endpoint, as N client programs.
/// </summary>
internal sealed record Connectors(string StructureId, string NationalId, string Person, string OrgBox, IReadOnlyList<string> Tokens)
{
    public static async Task<Connectors> CreateAsync(string identityGrpc, int count)
    {
        var operatorToken = await Medimail.Testing.Tokens.OperatorAsync();
        using var channel = Channels.Create(identityGrpc, operatorToken);
        var structures = new StructureService.StructureServiceClient(channel);
        var accounts = new AccountService.AccountServiceClient(channel);
        var structure = await structures.CreateStructureAsync(Accounts.NewStructure());
        var person = await accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structure.Id, Account = Accounts.Per() });
        var org = await accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structure.Id, Account = Accounts.Org(person.Email) });
        var tokens = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var connector = await structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = structure.Id, Name = $"Logiciel de banc {i}" });
            tokens.Add(await Medimail.Testing.Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret));
        }
        return new Connectors(structure.Id, structure.NationalId, person.Email, org.Email, tokens);
    }

    public AccountService.AccountServiceClient Client(string address, int stream, List<GrpcChannel> keep)
    {
        var channel = Channels.Create(address, Tokens[stream % Tokens.Count]);
        keep.Add(channel);
        return new AccountService.AccountServiceClient(channel);
    }
}
