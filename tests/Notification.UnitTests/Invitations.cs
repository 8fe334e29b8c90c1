using Medimail.Contracts;

namespace Medimail.Notification.UnitTests;

internal static class Invitations
{
    public const string Link = "https://medimail.example/enrol/tok_3f9a8b7c?x=1&y=2";

    public static EnrolmentInvitationRequested Request(string? relaunchId = null) => new(
        "camille.durand@ehpad.fr", "structure-1", "EHPAD <Les Mimosas>", "Camille DURAND",
        Link, new DateTimeOffset(2027, 1, 31, 13, 23, 0, TimeSpan.Zero), "admin@ehpad.fr", relaunchId);
}
