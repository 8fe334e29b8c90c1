using Grpc.Core;
using Medimail.Identity.V1;

namespace Medimail.Testing;

/// <summary>
/// The test profile's operator person: the address of <c>SignIn__OperatorEmails</c> (<c>MEDIMAIL_OPERATOR_EMAIL</c>),
/// created as a MED account in a structure of its own and enrolled the first time a test asks for it.
/// </summary>
public static class OperatorPerson
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool ready;

    public static string Email => Environment.GetEnvironmentVariable("MEDIMAIL_OPERATOR_EMAIL") is { Length: > 0 } email ? email
        : throw new InvalidOperationException("MEDIMAIL_OPERATOR_EMAIL is not set: run the tests through scripts/test.sh.");

    public static async Task<(string Email, string Password)> EnsureAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!ready)
            {
                using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
                var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure());
                var accounts = new AccountService.AccountServiceClient(channel);
                try
                {
                    await accounts.CreateAccountAsync(
                        new CreateAccountRequest { StructureId = structure.Id, Account = Accounts.Med(Email), SendInvitation = true });
                    await ActivePeople.EnrolAsync(Email, ActivePeople.Password);
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.AlreadyExists or StatusCode.InvalidArgument && ex.Status.Detail.Contains("account.email"))
                {
                    // Kept from an earlier run (MEDIMAIL_TEST_KEEP_DATA=1): enrolled then with the same password, or
                    // still pre-registered when that run stopped before the enrolment.
                    var existing = await accounts.GetAccountAsync(new GetAccountRequest { Email = Email });
                    if (existing.State == Account.Types.State.PreRegistered)
                    {
                        await accounts.SendInvitationAsync(new AccountActionRequest { Email = Email });
                        await ActivePeople.EnrolAsync(Email, ActivePeople.Password);
                    }
                }
                ready = true;
            }
            return (Email, ActivePeople.Password);
        }
        finally
        {
            Once.Release();
        }
    }
}
