using Medimail.Mailbox.Data;
using Medimail.Mailbox.Domain;
using Medimail.Mailbox.Messages;
using Medimail.Mailbox.Traces;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Medimail.Mailbox.Submission;

/// <summary>
/// <c>MAIL FROM</c> must be an ACTIVE APP box of the authenticated connector's structure; each <c>RCPT TO</c> a box of
/// the platform that may receive. A refusal is a 5xx whose text says why (and is traced), before any data is sent.
/// </summary>
public sealed class SubmissionFilter(IServiceScopeFactory scopes, SubmissionRateLimit rateLimit) : IMailboxFilter
{
    /// <summary>451: "requested action aborted: local error", the temporary refusal clients retry.</summary>
    private const SmtpReplyCode TryLater = (SmtpReplyCode)451;

    public async Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        var caller = CallerOf(context);
        var address = Addresses.Normalize(from.AsAddress());
        await using var scope = scopes.CreateAsyncScope();
        if (!rateLimit.TryTake(caller.Subject))
        {
            var why = $"Limite de {rateLimit.PerMinute} messages par minute atteinte pour ce connecteur : réessayez dans une minute.";
            await scope.ServiceProvider.GetRequiredService<TraceLog>()
                .RecordRefusedAsync(new Actor(caller, TraceChannels.Smtp), address, TraceActions.Send, null, why);
            throw new SmtpResponseException(new SmtpResponse(TryLater, why));
        }
        var db = scope.ServiceProvider.GetRequiredService<MailboxDbContext>();
        var box = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(b => b.Address == address, cancellationToken);
        try
        {
            MessageAccess.RequireCanSend(caller, box, address);
            if (box!.Type != MailboxTypes.App)
                throw new PermissionDeniedException($"{address} n'est pas une boîte applicative (APP) : la soumission SMTP n'envoie que depuis les boîtes APP de votre structure.");
            return true;
        }
        catch (DomainException ex)
        {
            await scope.ServiceProvider.GetRequiredService<TraceLog>()
                .RecordRefusedAsync(new Actor(caller, TraceChannels.Smtp), address, TraceActions.Send, null, ex.Message);
            throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxNameNotAllowed, SmtpText.Of(ex.Message)));
        }
    }

    public async Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        var address = Addresses.Normalize(to.AsAddress());
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailboxDbContext>();
        var box = await db.Mailboxes.AsNoTracking()
            .FirstOrDefaultAsync(b => b.Address == address || b.MssanteAddress == address, cancellationToken);
        if (MessageAccess.RefusalOf(address, box) is { } refusal)
            throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, SmtpText.Of(refusal)));
        return true;
    }

    public static Caller CallerOf(ISessionContext context) =>
        context.Properties.TryGetValue(ConnectorAuthenticator.CallerKey, out var caller) && caller is Caller known ? known
        : throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.AuthenticationRequired, "Authentication required (AUTH PLAIN with the connector's client id and secret)"));
}

/// <summary>One line of SMTP reply text: no line breaks, bounded.</summary>
internal static class SmtpText
{
    public static string Of(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 400 ? line : line[..400] + "…";
    }
}
