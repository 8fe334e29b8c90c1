using Grpc.Core;
using Medimail.Directory.V1;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.IntegrationTests.SignIn;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Registrations;

/// <summary>Self-registration (seed 002) through the gateway: the public Register, then the operator's queue.</summary>
public sealed class RegistrationTests(IdentityFixture platform) : IClassFixture<IdentityFixture>
{
    private const string Password = "Correct-cheval-pile-agrafe-31";
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(20);

    private RegistrationService.RegistrationServiceClient Operator => new(platform.Channel);

    [Fact]
    public async Task An_ineligible_responsible_is_refused_with_the_reason_and_nothing_is_created()
    {
        var request = NewRegistration();
        request.Box.Responsible.Profession = "MM-SEC";
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Anonymous().RegisterAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("box.responsible.profession", RpcErrors.FieldsOf(refused));
        Assert.Contains("pas éligible", refused.Status.Detail + string.Join(" ", refused.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Description)));

        var adeliForADoctor = NewRegistration();
        adeliForADoctor.Box.Responsible.Identifier = "311234567";
        var alsoRefused = await Assert.ThrowsAsync<RpcException>(async () => await Anonymous().RegisterAsync(adeliForADoctor));
        Assert.Contains("box.responsible.identifier", RpcErrors.FieldsOf(alsoRefused));
        await AssertGoneAsync(request.Box.Email);
        await AssertGoneAsync(request.NewAccounts[0].Account.Email);
    }

    [Fact]
    public async Task Validation_makes_the_box_and_its_new_account_active_in_the_directory_and_emails_the_applicants()
    {
        var request = NewRegistration();
        var registration = await Anonymous().RegisterAsync(request);
        Assert.Equal(Registration.Types.State.Pending, registration.State);
        Assert.Equal(Account.Types.State.PendingValidation, (await GetAsync(request.Box.Email)).State);
        Assert.Equal(Account.Types.State.PendingValidation, (await GetAsync(request.NewAccounts[0].Account.Email)).State);
        // Idempotent on requestId: the same form posted twice is one registration.
        Assert.Equal(registration.Id, (await Anonymous().RegisterAsync(request)).Id);
        var queue = await Operator.ListRegistrationsAsync(new ListRegistrationsRequest { PageSize = 500 });
        Assert.Contains(queue.Registrations, r => r.Id == registration.Id);

        var validated = await Operator.ValidateRegistrationAsync(new ValidateRegistrationRequest { Id = registration.Id });

        Assert.Equal(Registration.Types.State.Validated, validated.State);
        var box = await GetAsync(request.Box.Email);
        Assert.Equal(Account.Types.State.Active, box.State);
        Assert.Equal([request.NewAccounts[0].Account.Email], box.ConnectionAccounts);
        Assert.Equal(Account.Types.State.Active, (await GetAsync(request.NewAccounts[0].Account.Email)).State);
        var directory = new DirectoryService.DirectoryServiceClient(platform.Channel);
        await Eventually.GetAsync(() => directory.GetEntryAsync(new GetEntryRequest { Directory = "regional", Email = request.Box.Email }).ResponseAsync,
            e => e.Email == request.Box.Email, Seconds, "the validated box is in the regional directory");
        foreach (var applicant in new[] { request.Box.Email, request.NewAccounts[0].Account.Email })
            Assert.Contains("validée", (await SentMail.WaitForAsync(applicant, Seconds))[0].Subject);
    }

    [Fact]
    public async Task An_existing_account_with_a_wrong_password_refuses_the_registration_and_creates_nothing()
    {
        var first = NewRegistration();
        var done = await Anonymous().RegisterAsync(first);
        await Operator.ValidateRegistrationAsync(new ValidateRegistrationRequest { Id = done.Id });
        var existing = first.NewAccounts[0].Account.Email;

        var second = NewRegistration();
        second.NewAccounts.Clear();
        second.ExistingAccounts.Add(new ExistingAccount { Email = existing, Password = Password + "-faux" });
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Anonymous().RegisterAsync(second));
        Assert.Equal(["existingAccounts[0].password"], RpcErrors.FieldsOf(refused));
        await AssertGoneAsync(second.Box.Email);

        second.ExistingAccounts[0].Password = Password;
        second.RequestId = Guid.NewGuid().ToString();
        var attached = await Anonymous().RegisterAsync(second);
        Assert.Equal([existing], (await GetAsync(attached.Box.Email)).ConnectionAccounts);
        Assert.Equal(Account.Types.State.Active, (await GetAsync(existing)).State);
    }

    [Fact]
    public async Task Rejection_leaves_nothing_and_tells_the_applicants_why()
    {
        var request = NewRegistration();
        var registration = await Anonymous().RegisterAsync(request);

        var rejected = await Operator.RejectRegistrationAsync(new RejectRegistrationRequest { Id = registration.Id, Reason = "Identifiant FINESS introuvable." });

        Assert.Equal(Registration.Types.State.Rejected, rejected.State);
        await AssertGoneAsync(request.Box.Email);
        await AssertGoneAsync(request.NewAccounts[0].Account.Email);
        var mail = (await SentMail.WaitForAsync(request.NewAccounts[0].Account.Email, Seconds))[0];
        Assert.Contains("FINESS introuvable", mail.TextBody);
    }

    [Fact]
    public async Task The_queue_is_the_operators_only()
    {
        var (_, person) = await ActivePeople.SignedInAsync();
        var (_, admin) = await StructureAdminTests.AdminOfNewStructureAsync();
        using var personChannel = Channels.Create(TestEnvironment.GatewayGrpcUrl, person.AccessToken);
        using var adminChannel = Channels.Create(TestEnvironment.GatewayGrpcUrl, admin.AccessToken);
        var list = new ListRegistrationsRequest();

        var anonymous = await Rpc.StatusOf(() => Anonymous().ListRegistrationsAsync(list).ResponseAsync);
        var ofAPerson = await Rpc.StatusOf(() => new RegistrationService.RegistrationServiceClient(personChannel).ListRegistrationsAsync(list).ResponseAsync);
        var ofAStructureAdmin = await Rpc.StatusOf(() => new RegistrationService.RegistrationServiceClient(adminChannel).ListRegistrationsAsync(list).ResponseAsync);
        var ofTheOperator = await Rpc.StatusOf(() => Operator.ListRegistrationsAsync(list).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, anonymous);
        Assert.Equal(StatusCode.PermissionDenied, ofAPerson);
        Assert.Equal(StatusCode.PermissionDenied, ofAStructureAdmin);
        Assert.Equal(StatusCode.OK, ofTheOperator);
    }

    private static RegistrationService.RegistrationServiceClient Anonymous() =>
        new(Channels.Create(TestEnvironment.GatewayGrpcUrl, null));

    private async Task AssertGoneAsync(string email)
    {
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await GetAsync(email));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    private Task<Account> GetAsync(string email) => platform.Accounts.GetAccountAsync(new GetAccountRequest { Email = email }).ResponseAsync;

    /// <summary>A pharmacy's shared box (SIRET of its own), its responsible pharmacist (RPPS) and one secretary to create.</summary>
    internal static RegisterRequest NewRegistration()
    {
        var box = Testing.Accounts.Org("ignored@test.medimail.fr", Unique.Email("pharmacie.centre"));
        box.ConnectionAccounts.Clear();
        box.MssanteParticle = "";
        box.LastName = "Pharmacie";
        box.FirstName = "Du Centre " + Unique.Suffix();
        box.LegalName = "SELARL Pharmacie du Centre";
        box.StructureIdentifier = Testing.Accounts.RandomSiret();
        box.Responsible.Profession = "21";
        var secretary = Testing.Accounts.Med(Unique.Email("secretariat.pharmacie"));
        return new RegisterRequest
        {
            Box = box,
            NewAccounts = { new NewAccount { Account = secretary, Password = Password } },
            RequestId = Guid.NewGuid().ToString(),
        };
    }
}
