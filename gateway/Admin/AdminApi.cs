using Grpc.Core;
using Medimail.Identity.V1;

namespace Medimail.Gateway.Admin;

/// <summary>
/// The public API as the console calls it: the services' gRPC clients, each call with the signed-in person's access
/// token and a deadline. The console adds no right of its own: what the token may not do, the service refuses.
/// </summary>
internal sealed class AdminApi(
    AccountService.AccountServiceClient accounts,
    ImportService.ImportServiceClient imports,
    StructureService.StructureServiceClient structures,
    RegistrationService.RegistrationServiceClient registrations,
    AuditService.AuditServiceClient audit,
    MeService.MeServiceClient me,
    Medimail.Directory.V1.DirectoryService.DirectoryServiceClient directory,
    Medimail.Directory.V1.VisibilityService.VisibilityServiceClient visibility,
    Medimail.Mailbox.V1.MailboxService.MailboxServiceClient mailboxes,
    Medimail.Mailbox.V1.MessageService.MessageServiceClient messages,
    Medimail.Notification.V1.RelaunchService.RelaunchServiceClient relaunches,
    AdminSettings settings)
{
    public AccountService.AccountServiceClient Accounts => accounts;
    public ImportService.ImportServiceClient Imports => imports;
    public StructureService.StructureServiceClient Structures => structures;
    public RegistrationService.RegistrationServiceClient Registrations => registrations;
    public AuditService.AuditServiceClient Audit => audit;
    public MeService.MeServiceClient Me => me;
    public Medimail.Directory.V1.DirectoryService.DirectoryServiceClient Directory => directory;
    public Medimail.Directory.V1.VisibilityService.VisibilityServiceClient Visibility => visibility;
    public Medimail.Mailbox.V1.MailboxService.MailboxServiceClient Mailboxes => mailboxes;
    public Medimail.Mailbox.V1.MessageService.MessageServiceClient Messages => messages;
    public Medimail.Notification.V1.RelaunchService.RelaunchServiceClient Relaunches => relaunches;

    public CallOptions As(AdminUser user, CancellationToken cancellationToken) => new(user.Headers(), settings.NewDeadline(), cancellationToken);

    public CallOptions AsToken(string accessToken, CancellationToken cancellationToken) =>
        new(new Metadata { { "Authorization", "Bearer " + accessToken } }, settings.NewDeadline(), cancellationToken);
}

/// <summary>The reference lists of the selects (professions, departments…), read once every ten minutes.</summary>
internal sealed class ReferenceLists(ReferenceService.ReferenceServiceClient reference, AdminSettings settings)
{
    private static readonly string[] Names = ["professions", "specialties", "departments", "regions", "exercise-titles"];
    private Dictionary<string, IReadOnlyList<ReferenceItem>> lists = new();
    private DateTimeOffset readAt = DateTimeOffset.MinValue;

    public async Task<ReferenceLists> LoadAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow - readAt < TimeSpan.FromMinutes(10)) return this;
        var read = new Dictionary<string, IReadOnlyList<ReferenceItem>>();
        foreach (var name in Names)
            read[name] = (await reference.ListAsync(new ListReferenceRequest { List = name }, deadline: settings.NewDeadline(), cancellationToken: cancellationToken)).Items;
        lists = read;
        readAt = DateTimeOffset.UtcNow;
        return this;
    }

    public IEnumerable<(string, string)> Options(string list) =>
        lists.GetValueOrDefault(list, []).Select(i => (i.Code, i.Label)).Prepend(("", "— choisir —"));

    public string Label(string list, string code) =>
        lists.GetValueOrDefault(list, []).FirstOrDefault(i => i.Code == code)?.Label ?? code;
}
