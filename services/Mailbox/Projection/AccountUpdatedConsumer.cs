using MassTransit;
using Medimail.Contracts;
using Medimail.Mailbox.Data;
using Medimail.Messaging.Consumers;

namespace Medimail.Mailbox.Projection;

/// <summary>An account was attributes changed, connection accounts included: the box projection and its delegations follow.</summary>
public sealed class AccountUpdatedConsumer(MailboxDbContext db, MailboxProjector projector, ILogger<AccountUpdatedConsumer> logger)
    : IdempotentConsumer<MailboxDbContext, AccountUpdated>(db, logger)
{
    protected override Task HandleAsync(AccountUpdated message, ConsumeContext<AccountUpdated> context, CancellationToken cancellationToken) =>
        projector.ApplyAsync([message.Account], cancellationToken);
}
