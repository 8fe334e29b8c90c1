using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.IntegrationTests.SignIn;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Audit;

/// <summary>A structure admin reads the audit of its structures only, with a real person token from the sign-in flow.</summary>
public sealed class AuditScopeTests
{
    [Fact]
    public async Task An_admin_of_B_is_refused_the_audit_of_A_and_reads_the_audit_of_B()
    {
        var personA = await ActivePeople.CreateAsync();
        var (adminB, tokens) = await StructureAdminTests.AdminOfNewStructureAsync();
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, tokens.AccessToken);
        var audit = new AuditService.AuditServiceClient(channel);

        var ofA = await Rpc.StatusOf(() => audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { StructureId = personA.StructureId }).ResponseAsync);
        var aboutA = await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Target = personA.Email });
        var ofB = await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { StructureId = adminB.StructureId, PageSize = 500 });
        var everything = await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 500 });

        Assert.Equal(StatusCode.PermissionDenied, ofA);
        Assert.Empty(aboutA.Entries);
        Assert.Contains(ofB.Entries, e => e.Action == "STRUCTURE_ADMIN_ADDED" && e.Target == adminB.Email);
        Assert.NotEmpty(everything.Entries);
        Assert.All(everything.Entries, e => Assert.Equal(adminB.StructureId, e.StructureId));
    }
}
