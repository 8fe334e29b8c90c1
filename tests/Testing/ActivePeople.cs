using Medimail.Identity.V1;

namespace Medimail.Testing;

/// <summary>An ACTIVE person and the password it chose, with the structure it belongs to.</summary>
public sealed record ActivePerson(string Email, string Password, string StructureId, Account.Types.Type Type);

/// <summary>
/// Makes ACTIVE people the way they really become so: an operator creates the account with an invitation, the
/// Notification service mails the enrolment link (read back from the SMTP sink), and the person completes the
/// enrolment through the gateway with a password and the terms.
/// </summary>
public static class ActivePeople
{
    public const string Password = "Tr0mbone-Ciel-Vert-42";
    public static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A new structure (when <paramref name="structureId"/> is null) and a new ACTIVE person of <paramref name="type"/> in it.</summary>
    public static async Task<ActivePerson> CreateAsync(Account.Types.Type type = Account.Types.Type.Per, string? structureId = null)
    {
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        structureId ??= (await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure())).Id;
        var account = type switch
        {
            Account.Types.Type.Int => Accounts.Int(),
            Account.Types.Type.Med => Accounts.Med(),
            Account.Types.Type.Per => Accounts.Per(),
            _ => throw new ArgumentException("Only PER, INT and MED people sign in.", nameof(type)),
        };
        await new AccountService.AccountServiceClient(channel).CreateAccountAsync(
            new CreateAccountRequest { StructureId = structureId, Account = account, SendInvitation = true });
        await EnrolAsync(account.Email, Password);
        return new ActivePerson(account.Email, Password, structureId, type);
    }

    /// <summary>Completes the enrolment of a pre-registered account from the link it was mailed.</summary>
    public static async Task EnrolAsync(string email, string password)
    {
        var link = await SentMail.EnrolmentLinkForAsync(email, MailTimeout);
        var token = link[(link.LastIndexOf('/') + 1)..];
        using var anonymous = Channels.Create(TestEnvironment.GatewayGrpcUrl, null);
        var enrolment = new EnrolmentService.EnrolmentServiceClient(anonymous);
        var details = await enrolment.GetEnrolmentAsync(new GetEnrolmentRequest { Token = token });
        await enrolment.CompleteEnrolmentAsync(new CompleteEnrolmentRequest
        {
            Token = token, Password = password, AcceptedTermsVersion = details.TermsVersion,
        });
    }

    /// <summary>A new ACTIVE person signed in through the real flow.</summary>
    public static async Task<(ActivePerson Person, PersonTokens Tokens)> SignedInAsync(Account.Types.Type type = Account.Types.Type.Per, string? structureId = null)
    {
        var person = await CreateAsync(type, structureId);
        return (person, await PersonSignIn.SignInAsync(TestEnvironment.GatewayUrl, person.Email, person.Password));
    }
}
