using MassTransit;
using Medimail.Contracts;
using Medimail.Mailbox.Data;
using Medimail.Messaging.Consumers;

namespace Medimail.Mailbox.Projection;

/// <summary>An account was created (administrator, connector or self-registration): the box projection and its delegations follow.</summary>
public sealed class AccountCreatedConsumer(MailboxDbContext db, MailboxProjector projector, ILogger<AccountCreatedConsumer> logger)
    : IdempotentConsumer<MailboxDbContext, AccountCreated>(db, logger)
{
    protected override Task HandleAsync(AccountCreated message, ConsumeContext<AccountCreated> context, CancellationToken cancellationToken) =>
        projector.ApplyAsync([message.Account], cancellationToken);
}
