using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.Notification.IntegrationTests;

/// <summary>A token that is valid but not an operator's: a connector of a structure made for the test.</summary>
internal static class NonOperator
{
    public static async Task<string> ConnectorTokenAsync()
    {
        var structures = new StructureService.StructureServiceClient(
            Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync()));
        var structure = await structures.CreateStructureAsync(new CreateStructureRequest
        {
            Name = $"Cabinet de test {Unique.Suffix()}",
            IdentifierType = Structure.Types.IdentifierType.Siren,
            Identifier = RandomSiren(),
            MssanteDomain = "test.mssante.fr",
            RequestId = Guid.NewGuid().ToString(),
        });
        var connector = await structures.CreateConnectorAsync(new CreateConnectorRequest
        {
            StructureId = structure.Id,
            Name = "Logiciel de test",
        });
        return await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret);
    }

    /// <summary>Nine digits whose Luhn check holds, as a SIREN must.</summary>
    private static string RandomSiren()
    {
        var digits = Enumerable.Range(0, 8).Select(_ => Random.Shared.Next(10)).ToList();
        for (var check = 0; check < 10; check++)
        {
            var candidate = digits.Append(check).ToList();
            var sum = candidate.Select((d, i) => i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d).Sum();
            if (sum % 10 == 0)
                return string.Concat(candidate);
        }
        throw new InvalidOperationException("unreachable: one check digit always fits");
    }
}
